import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('nlb-single-az', {
  fires: [{ name: 'one zone', snapshot: estate().nlb('tcp', { zones: ['us-east-1a'] }), resources: ['tcp'], message: 'Network load balancer tcp is enabled only in us-east-1a: a zone outage takes the entry point down.' }],
  doesNotFire: [{ name: 'two zones', snapshot: estate().nlb('tcp', { zones: ['us-east-1a', 'us-east-1b'] }) }],
  notApplicable: [{ name: 'an ALB', snapshot: estate().alb('web') }],
});
