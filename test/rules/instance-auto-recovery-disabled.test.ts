import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('instance-auto-recovery-disabled', {
  fires: [{ name: 'recovery turned off', snapshot: estate().instance('legacy', { autoRecovery: 'disabled' }), resources: ['legacy'] }],
  doesNotFire: [{ name: 'default recovery', snapshot: estate().instance('legacy') }],
  notApplicable: [{ name: 'instances of a group', snapshot: estate().asg('web') }],
});
