import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-min-size-below-two', {
  fires: [{ name: 'three running, minimum one', snapshot: estate().asg('web', { desired: 3, min: 1, max: 6 }), resources: ['web'], message: /runs 3 instances but its MinSize is 1/ }],
  doesNotFire: [{ name: 'minimum two', snapshot: estate().asg('web', { desired: 3, min: 2, max: 6 }) }],
  notApplicable: [{ name: 'a group of one (asg-single-instance covers it)', snapshot: estate().asg('solo', { desired: 1, min: 1 }) }],
});
