import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('workload-not-running', {
  fires: [{ name: 'only stopped instances', snapshot: estate().instance('batch-1', { state: 'stopped' }).instance('batch-2', { state: 'stopped' }), resources: ['batch'], message: /^Workload batch has 2 instance\(s\), none running/ }],
  doesNotFire: [{ name: 'a running instance', snapshot: estate().instance('app') }],
  notApplicable: [{ name: 'a group scaled to nothing', snapshot: estate().asg('idle', { desired: 0, min: 0, max: 0 }) }],
});
