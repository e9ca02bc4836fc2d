import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-spot-without-capacity-rebalance', {
  fires: [
    { name: 'spot through a mixed instances policy', snapshot: estate().asg('batch', { launch: 'mixed', spot: true }), resources: ['batch'] },
    { name: 'spot through a launch configuration price', snapshot: estate().asg('old', { launch: 'configuration', spot: true }), resources: ['old'] },
  ],
  doesNotFire: [{ name: 'capacity rebalancing on', snapshot: estate().asg('batch', { launch: 'mixed', spot: true, capacityRebalance: true }) }],
  notApplicable: [{ name: 'on-demand only', snapshot: estate().asg('web', { launch: 'mixed' }) }],
});
