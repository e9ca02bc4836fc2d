import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const [a, b] = ['us-east-1a', 'us-east-1b'];
const legacy = (zones: string[], crossZone: boolean) =>
  estate().instance('legacy-1', { zone: zones[0], classicLoadBalancers: ['legacy'] }).instance('legacy-2', { zone: zones[1], classicLoadBalancers: ['legacy'] }).clb('legacy', { zones: [a, b], crossZone });

ruleTester.run('clb-zone-without-healthy-instances', {
  fires: [{ name: 'both instances in one of two zones', snapshot: legacy([a, a], false), resources: ['legacy'], message: /is enabled in us-east-1b with no InService instance there and cross-zone off/ }],
  doesNotFire: [{ name: 'an instance in each zone', snapshot: legacy([a, b], false) }],
  notApplicable: [{ name: 'cross-zone on', snapshot: legacy([a, a], true) }],
});
