import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('target-group-shallow-health-check', {
  fires: [
    { name: 'a TCP check on an HTTP group', snapshot: estate().targetGroup('web', { healthCheck: { protocol: 'TCP' } }).alb('front', { targetGroups: ['web'] }), resources: ['web'], message: /health check is a TCP connect: an application returning errors stays in service\.$/ },
    { name: 'a matcher that accepts 404', snapshot: estate().targetGroup('api', { healthCheck: { path: '/', matcher: '200-499' } }).alb('front', { targetGroups: ['api'] }), resources: ['api'], message: /satisfied by HTTP 200-499/ },
  ],
  doesNotFire: [{ name: 'an HTTP check expecting 200', snapshot: estate().targetGroup('web', { healthCheck: { path: '/health', matcher: '200' } }).alb('front', { targetGroups: ['web'] }) }],
  notApplicable: [{ name: 'a TCP group behind an NLB', snapshot: estate().targetGroup('db', { protocol: 'TCP', port: 5432 }).nlb('front', { targetGroups: ['db'] }) }],
});
