import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-single-az', {
  fires: [
    {
      name: 'group in one zone',
      snapshot: estate().asg('web', { zones: ['us-east-1a'], desired: 2 }).asg('api', { zones: ['us-east-1a', 'us-east-1b'] }),
      resources: ['web'],
      message: 'Auto Scaling group web can launch only in us-east-1a: when that zone fails, it has nowhere to start replacements.',
    },
  ],
  doesNotFire: [{ name: 'two zones', snapshot: estate().asg('web', { zones: ['us-east-1a', 'us-east-1b'] }) }],
  notApplicable: [{ name: 'a group that may not run anything', snapshot: estate().asg('web', { zones: ['us-east-1a'], desired: 0, min: 0, max: 0 }) }],
});
