import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('target-group-health-check-other-port', {
  fires: [{ name: 'serves 80, checks 8081', snapshot: estate().targetGroup('web', { port: 80, healthCheck: { port: '8081' } }).alb('front', { targetGroups: ['web'] }), resources: ['web'], message: 'Target group web serves port 80 but checks port 8081: a target can pass while the served port is broken.' }],
  doesNotFire: [
    { name: 'the traffic port', snapshot: estate().targetGroup('web').alb('front', { targetGroups: ['web'] }) },
    { name: 'the same port given by number', snapshot: estate().targetGroup('web', { port: 8080, healthCheck: { port: '8080' } }).alb('front', { targetGroups: ['web'] }) },
  ],
  notApplicable: [{ name: 'a group no load balancer uses', snapshot: estate().targetGroup('spare', { healthCheck: { port: '8081' } }) }],
});
