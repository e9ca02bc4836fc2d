import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-suspended-processes', {
  fires: [{ name: 'launch and replacement suspended', snapshot: estate().asg('web', { suspended: ['ReplaceUnhealthy', 'Launch'] }), resources: ['web'], message: /has Launch, ReplaceUnhealthy suspended/ }],
  doesNotFire: [
    { name: 'nothing suspended', snapshot: estate().asg('web') },
    { name: 'only scheduled actions suspended', snapshot: estate().asg('web', { suspended: ['ScheduledActions'] }) },
  ],
  notApplicable: [{ name: 'a group that may not run anything', snapshot: estate().asg('idle', { desired: 0, min: 0, max: 0, suspended: ['Launch'] }) }],
});
