import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-launch-configuration', {
  fires: [{ name: 'a launch configuration', snapshot: estate().asg('old', { launch: 'configuration' }), resources: ['old'], message: /uses launch configuration old-lc:/ }],
  doesNotFire: [
    { name: 'a launch template', snapshot: estate().asg('web') },
    { name: 'a mixed instances policy', snapshot: estate().asg('mixed', { launch: 'mixed' }) },
  ],
  notApplicable: [{ name: 'no launch source recorded', snapshot: estate().asg('bare', { launch: 'none' }) }],
});
