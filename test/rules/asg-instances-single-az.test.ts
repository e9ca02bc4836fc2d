import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-instances-single-az', {
  fires: [
    {
      name: 'configured for two zones, running in one',
      snapshot: estate().asg('web', { zones: ['us-east-1a', 'us-east-1b'], instances: [{ zone: 'us-east-1a' }, { zone: 'us-east-1a' }] }),
      resources: ['web'],
      message: 'Auto Scaling group web may launch in us-east-1a, us-east-1b, but its 2 InService instances all run in us-east-1a.',
    },
  ],
  doesNotFire: [
    { name: 'instances in both zones', snapshot: estate().asg('web') },
    { name: 'a pending instance does not count, the InService ones are spread', snapshot: estate().asg('web', { instances: [{ zone: 'us-east-1a' }, { zone: 'us-east-1b' }, { zone: 'us-east-1a', lifecycle: 'Pending' }] }) },
  ],
  notApplicable: [{ name: 'one zone configured, or one instance', snapshot: estate().asg('solo', { zones: ['us-east-1a'], desired: 2 }).asg('one', { desired: 1 }) }],
});
