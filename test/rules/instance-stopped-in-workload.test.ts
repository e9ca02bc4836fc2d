import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('instance-stopped-in-workload', {
  fires: [
    {
      name: 'a stopped twin beside a running one',
      snapshot: estate().instance('web-1').instance('web-2', { state: 'stopped' }),
      resources: ['web-2'],
      message: /^Instance web-2 \(i-[0-9a-f]+\) is stopped in workload web, which has 1 running replica\(s\)/,
    },
  ],
  doesNotFire: [{ name: 'a stopped instance alone', snapshot: estate().instance('batch-1', { state: 'stopped' }) }],
  notApplicable: [{ name: 'running instances only', snapshot: estate().instance('web-1').instance('web-2') }],
});
