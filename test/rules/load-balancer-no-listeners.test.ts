import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('load-balancer-no-listeners', {
  fires: [{ name: 'no listener', snapshot: estate().alb('orphan').targetGroup('web').alb('front', { targetGroups: ['web'] }), resources: ['orphan'], message: 'Load balancer orphan has no listener: it accepts no traffic.' }],
  doesNotFire: [{ name: 'a listener', snapshot: estate().targetGroup('web').alb('front', { targetGroups: ['web'] }) }],
  notApplicable: [{ name: 'still provisioning', snapshot: estate().alb('new').patch('new', (r) => (r.State = { Code: 'provisioning' })) }],
});
