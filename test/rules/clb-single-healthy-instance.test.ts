import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('clb-single-healthy-instance', {
  fires: [
    { name: 'one instance', snapshot: estate().instance('legacy-1', { classicLoadBalancers: ['legacy'] }).clb('legacy'), resources: ['legacy'], message: /has 1 InService instance out of 1 registered/ },
    { name: 'one of two InService', snapshot: estate().instance('legacy-1', { classicLoadBalancers: ['legacy'] }).instance('legacy-2', { classicLoadBalancers: ['legacy'], state: 'stopped' }).clb('legacy'), resources: ['legacy'], message: /out of 2 registered/ },
  ],
  doesNotFire: [{ name: 'two InService', snapshot: estate().instance('legacy-1', { classicLoadBalancers: ['legacy'] }).instance('legacy-2', { classicLoadBalancers: ['legacy'] }).clb('legacy') }],
  notApplicable: [{ name: 'nothing registered', snapshot: estate().clb('legacy') }],
});
