import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-under-capacity', {
  fires: [
    { name: 'one of two instances unhealthy', snapshot: estate().asg('web', { instances: [{}, { health: 'Unhealthy' }] }), resources: ['web'], message: /wants 2 instances and has 1 healthy InService/ },
    { name: 'one of two instances still pending', snapshot: estate().asg('api', { instances: [{}, { lifecycle: 'Pending', state: 'pending' }] }), resources: ['api'] },
  ],
  doesNotFire: [{ name: 'all healthy', snapshot: estate().asg('web') }],
  notApplicable: [{ name: 'scaled to zero', snapshot: estate().asg('idle', { desired: 0, min: 0, max: 2 }) }],
});
