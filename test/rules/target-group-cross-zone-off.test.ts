import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('target-group-cross-zone-off', {
  fires: [
    {
      name: 'an ALB target group overriding cross-zone to off',
      snapshot: estate().asg('web', { targetGroups: ['web'] }).targetGroup('web', { attributes: { 'load_balancing.cross_zone.enabled': 'false' } }).alb('front', { targetGroups: ['web'] }),
      resources: ['web'],
      message: 'Target group web turns cross-zone load balancing off: each zone of front sends only to its own targets (healthy per zone: {"us-east-1a":1,"us-east-1b":1}).',
    },
  ],
  doesNotFire: [{ name: 'the load balancer setting applies', snapshot: estate().asg('web', { targetGroups: ['web'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }) }],
  notApplicable: [{ name: 'a group no load balancer uses', snapshot: estate().targetGroup('spare', { attributes: { 'load_balancing.cross_zone.enabled': 'false' } }) }],
});
