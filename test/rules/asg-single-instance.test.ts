import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-single-instance', {
  fires: [
    {
      name: 'a group of one in one zone',
      snapshot: estate().asg('solo', { zones: ['us-east-1a'], desired: 1 }),
      resources: ['solo'],
      message: 'Auto Scaling group solo runs 1 instance (min 1, max 2): it heals, but every failure, replacement or deploy is an outage.',
    },
    { name: 'desired one even though it may grow', snapshot: estate().asg('elastic', { desired: 1, min: 1, max: 10 }), resources: ['elastic'] },
  ],
  doesNotFire: [{ name: 'two instances', snapshot: estate().asg('web', { desired: 2 }) }],
  notApplicable: [{ name: 'scaled to zero', snapshot: estate().asg('idle', { desired: 0, min: 0, max: 2 }) }],
});
