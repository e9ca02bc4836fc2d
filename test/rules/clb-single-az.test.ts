import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('clb-single-az', {
  fires: [{ name: 'one zone', snapshot: estate().clb('legacy', { zones: ['us-east-1a'] }), resources: ['legacy'], message: 'Classic load balancer legacy is enabled only in us-east-1a: a zone outage takes the entry point down.' }],
  doesNotFire: [{ name: 'two zones', snapshot: estate().clb('legacy', { zones: ['us-east-1a', 'us-east-1b'] }) }],
  notApplicable: [{ name: 'zones unknown', snapshot: estate().clb('legacy').patch('legacy', (r) => Object.assign(r, { AvailabilityZones: [], Subnets: [] })) }],
});
