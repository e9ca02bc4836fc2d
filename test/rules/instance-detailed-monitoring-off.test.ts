import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('instance-detailed-monitoring-off', {
  fires: [{ name: 'basic monitoring in a group', snapshot: estate().asg('web'), resources: ['web-1', 'web-2'], message: /of Auto Scaling group web has basic monitoring/ }],
  doesNotFire: [{ name: 'detailed monitoring in a group', snapshot: estate().asg('web', { monitoring: true }) }],
  notApplicable: [{ name: 'a standalone instance', snapshot: estate().instance('jenkins') }],
});
