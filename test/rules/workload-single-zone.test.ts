import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('workload-single-zone', {
  fires: [
    {
      name: 'a classic load balancer with both instances in one zone',
      snapshot: estate().instance('legacy-1', { classicLoadBalancers: ['legacy'] }).instance('legacy-2', { classicLoadBalancers: ['legacy'] }).clb('legacy'),
      resources: ['legacy'],
      message: 'The 2 replicas of workload legacy all run in us-east-1a: a zone outage stops every one of them.',
    },
    { name: 'a two-zone group whose instances landed in one zone', snapshot: estate().asg('web', { instances: [{ zone: 'us-east-1a' }, { zone: 'us-east-1a' }] }), resources: ['web'] },
  ],
  doesNotFire: [{ name: 'a group across two zones', snapshot: estate().asg('web') }],
  notApplicable: [{ name: 'a single replica', snapshot: estate().instance('jenkins').asg('solo', { desired: 1 }) }],
});
