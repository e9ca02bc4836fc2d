import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const a = 'us-east-1a';
const b = 'us-east-1b';

ruleTester.run('workload-zone-imbalance', {
  fires: [
    {
      name: 'four in one zone, one in the other',
      snapshot: estate().asg('web', { instances: [{ zone: a }, { zone: a }, { zone: a }, { zone: a }, { zone: b }] }),
      resources: ['web'],
      message: /has \{"us-east-1a":4,"us-east-1b":1\} replicas per zone: losing the largest zone leaves 1 of 5\.$/,
    },
  ],
  doesNotFire: [{ name: 'two and one (a skew of one is the best three replicas can do)', snapshot: estate().asg('web', { instances: [{ zone: a }, { zone: a }, { zone: b }] }) }],
  notApplicable: [{ name: 'a single zone', snapshot: estate().asg('web', { zones: [a] }) }],
});
