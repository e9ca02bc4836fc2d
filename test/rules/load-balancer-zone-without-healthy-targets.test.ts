import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const [a, b, c] = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

ruleTester.run('load-balancer-zone-without-healthy-targets', {
  fires: [
    {
      name: 'enabled in three zones, targets in two',
      snapshot: estate().asg('web', { zones: [a, b], targetGroups: ['web'] }).targetGroup('web').alb('front', { zones: [a, b, c], targetGroups: ['web'] }),
      resources: ['front'],
      message: 'Load balancer front is enabled in us-east-1a, us-east-1b, us-east-1c but has healthy targets only in us-east-1a, us-east-1b: the other zones add an entry point, not capacity.',
    },
  ],
  doesNotFire: [{ name: 'targets in every zone', snapshot: estate().asg('web', { zones: [a, b], targetGroups: ['web'] }).targetGroup('web').alb('front', { zones: [a, b], targetGroups: ['web'] }) }],
  notApplicable: [{ name: 'no healthy target at all', snapshot: estate().targetGroup('web').alb('front', { targetGroups: ['web'] }) }],
});
