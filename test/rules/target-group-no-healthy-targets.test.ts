import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('target-group-no-healthy-targets', {
  fires: [
    {
      name: 'every target unhealthy',
      snapshot: estate().asg('web', { instances: [{ targetHealth: 'unhealthy' }, { targetHealth: 'unhealthy' }], targetGroups: ['web'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }),
      resources: ['web'],
      message: 'Target group web behind front has 2 registered target(s) and none is healthy: requests routed to it fail now.',
    },
    { name: 'the only instance is stopped', snapshot: estate().instance('app', { state: 'stopped', targetGroups: ['app'] }).targetGroup('app').alb('front', { targetGroups: ['app'] }), resources: ['app'] },
  ],
  doesNotFire: [{ name: 'healthy targets', snapshot: estate().asg('web', { targetGroups: ['web'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }) }],
  notApplicable: [{ name: 'nothing registered (listener-forwards-to-empty-target-group covers it)', snapshot: estate().targetGroup('empty').alb('front', { targetGroups: ['empty'] }) }],
});
