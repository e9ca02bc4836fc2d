import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('instance-long-running', {
  fires: [{ name: 'launched 400 days ago', snapshot: estate().instance('old', { launchedDaysAgo: 400 }), resources: ['old'], message: /launched 400 days before the snapshot/ }],
  doesNotFire: [{ name: 'launched 30 days ago', snapshot: estate().instance('new', { launchedDaysAgo: 30 }) }],
  notApplicable: [
    { name: 'group instances are replaced anyway', snapshot: estate().asg('web') },
    { name: 'launch time unknown', snapshot: estate().instance('mystery', { launchedDaysAgo: 400 }).patch('mystery', (r) => delete r.LaunchTime) },
  ],
});
