import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('target-group-slow-failure-detection', {
  fires: [{ name: '30 s × 5', snapshot: estate().targetGroup('web', { healthCheck: { interval: 30, unhealthyThreshold: 5 } }).alb('front', { targetGroups: ['web'] }), resources: ['web'], message: /after 150 s \(interval × unhealthy threshold\)/ }],
  doesNotFire: [{ name: 'the defaults, 30 s × 2', snapshot: estate().targetGroup('web').alb('front', { targetGroups: ['web'] }) }],
  notApplicable: [
    { name: 'health checks disabled', snapshot: estate().targetGroup('web', { healthCheck: { interval: 30, unhealthyThreshold: 5 } }).alb('front', { targetGroups: ['web'] }).patch('web', (r) => (r.HealthCheckEnabled = false)) },
  ],
});
