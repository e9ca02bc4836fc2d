import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('clb-health-check-port-mismatch', {
  fires: [{ name: 'checks SSH, serves HTTP', snapshot: estate().clb('legacy', { healthCheckTarget: 'TCP:22' }), resources: ['legacy'], message: /checks port 22 while its listeners forward to 80:/ }],
  doesNotFire: [{ name: 'checks the served port', snapshot: estate().clb('legacy', { healthCheckTarget: 'HTTP:8080/health', listeners: [{ port: 80, instancePort: 8080 }] }) }],
  notApplicable: [{ name: 'no health check recorded', snapshot: estate().clb('legacy').patch('legacy', (r) => delete r.HealthCheck) }],
});
