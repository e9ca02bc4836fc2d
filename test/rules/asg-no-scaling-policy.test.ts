import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-no-scaling-policy', {
  fires: [{ name: 'fixed capacity behind an ALB', snapshot: estate().asg('web', { targetGroups: ['web'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }), resources: ['web'], message: /serves traffic at a fixed capacity of 2 with no scaling policy:/ }],
  doesNotFire: [{ name: 'a target tracking policy', snapshot: estate().asg('web', { targetGroups: ['web'], policies: ['cpu-50'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }) }],
  notApplicable: [{ name: 'no load balancer', snapshot: estate().asg('workers') }],
});
