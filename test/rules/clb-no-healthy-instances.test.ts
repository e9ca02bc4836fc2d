import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('clb-no-healthy-instances', {
  fires: [
    {
      name: 'every instance OutOfService',
      snapshot: estate().instance('legacy-1', { classicLoadBalancers: ['legacy'], health: 'OutOfService' }).instance('legacy-2', { classicLoadBalancers: ['legacy'], health: 'OutOfService' }).clb('legacy'),
      resources: ['legacy'],
      message: 'Classic load balancer legacy has 2 registered instance(s) and none InService: every request fails now.',
    },
  ],
  doesNotFire: [{ name: 'an InService instance', snapshot: estate().instance('legacy-1', { classicLoadBalancers: ['legacy'] }).clb('legacy') }],
  notApplicable: [{ name: 'nothing registered', snapshot: estate().clb('legacy') }],
});
