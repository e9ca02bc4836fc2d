import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('target-group-zero-deregistration-delay', {
  fires: [{ name: 'no delay', snapshot: estate().targetGroup('web', { attributes: { 'deregistration_delay.timeout_seconds': '0' } }).alb('front', { targetGroups: ['web'] }), resources: ['web'] }],
  doesNotFire: [{ name: 'the default delay', snapshot: estate().targetGroup('web').alb('front', { targetGroups: ['web'] }) }],
  notApplicable: [{ name: 'a group no load balancer uses', snapshot: estate().targetGroup('spare', { attributes: { 'deregistration_delay.timeout_seconds': '0' } }) }],
});
