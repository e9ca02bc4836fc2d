import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('clb-cross-zone-off', {
  fires: [
    {
      name: 'cross-zone off',
      snapshot: estate().instance('legacy-1', { classicLoadBalancers: ['legacy'] }).instance('legacy-2', { classicLoadBalancers: ['legacy'] }).clb('legacy', { crossZone: false }),
      resources: ['legacy'],
      message: /serves only its own instances \(InService per zone: \{"us-east-1a":2\}\)\.$/,
    },
  ],
  doesNotFire: [{ name: 'cross-zone on', snapshot: estate().clb('legacy', { crossZone: true }) }],
  notApplicable: [{ name: 'attributes not in the snapshot', snapshot: estate().clb('legacy', { attributesCollected: false }) }],
});
