import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const [a, b] = ['us-east-1a', 'us-east-1b'];
const legacy = (zones: [string, string], crossZone = false) =>
  estate().instance('legacy-1', { zone: zones[0], classicLoadBalancers: ['legacy'] }).instance('legacy-2', { zone: zones[1], classicLoadBalancers: ['legacy'] }).clb('legacy', { zones: [a, b], crossZone });

ruleTester.run('clb-healthy-instances-single-az', {
  fires: [
    { name: 'both instances in one zone, cross-zone off', snapshot: legacy([a, a]), resources: ['legacy'], message: 'Classic load balancer legacy spans us-east-1a, us-east-1b but its 2 InService instances all run in us-east-1a, and cross-zone is off.' },
    { name: 'both instances in one zone, cross-zone on', snapshot: legacy([a, a], true), resources: ['legacy'], message: /all run in us-east-1a\.$/ },
  ],
  doesNotFire: [{ name: 'one instance per zone', snapshot: legacy([a, b]) }],
  notApplicable: [{ name: 'a single instance', snapshot: estate().instance('legacy-1', { classicLoadBalancers: ['legacy'] }).clb('legacy', { zones: [a, b] }) }],
});
