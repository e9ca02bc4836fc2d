import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const [a, b, c] = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

ruleTester.run('asg-zones-differ-from-load-balancer', {
  fires: [
    {
      name: 'the group launches in a zone the load balancer does not serve',
      snapshot: estate().asg('web', { zones: [a, b, c], desired: 3, targetGroups: ['web'] }).targetGroup('web').alb('front', { zones: [a, b], targetGroups: ['web'] }),
      resources: ['web'],
      message: 'Auto Scaling group web launches in us-east-1a, us-east-1b, us-east-1c while its load balancers front are enabled in us-east-1a, us-east-1b.',
    },
    { name: 'the classic load balancer serves a zone the group cannot launch in', snapshot: estate().asg('legacy', { zones: [a, b], classicLoadBalancers: ['legacy'] }).clb('legacy', { zones: [a, b, c] }), resources: ['legacy'] },
  ],
  doesNotFire: [{ name: 'same zones', snapshot: estate().asg('web', { zones: [a, b], targetGroups: ['web'] }).targetGroup('web').alb('front', { zones: [a, b], targetGroups: ['web'] }) }],
  notApplicable: [{ name: 'no load balancer', snapshot: estate().asg('workers') }],
});
