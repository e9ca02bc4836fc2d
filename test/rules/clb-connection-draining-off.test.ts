import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('clb-connection-draining-off', {
  fires: [{ name: 'draining off', snapshot: estate().clb('legacy', { connectionDraining: false }), resources: ['legacy'] }],
  doesNotFire: [{ name: 'draining on', snapshot: estate().clb('legacy', { connectionDraining: true }) }],
  notApplicable: [{ name: 'attributes not in the snapshot', snapshot: estate().clb('legacy', { attributesCollected: false }) }],
});
