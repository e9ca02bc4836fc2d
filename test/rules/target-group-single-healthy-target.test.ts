import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('target-group-single-healthy-target', {
  fires: [
    {
      name: 'an Auto Scaling group of one behind an ALB',
      snapshot: estate().asg('solo', { zones: ['us-east-1a'], desired: 1, targetGroups: ['solo'] }).targetGroup('solo').alb('front', { targetGroups: ['solo'] }),
      resources: ['solo'],
      message: 'Target group solo behind front has 1 healthy target out of 1 registered: that one target carries all traffic.',
    },
    {
      name: 'three registered, only one healthy (the configuration looks redundant)',
      snapshot: estate()
        .asg('web', { zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], instances: [{}, { targetHealth: 'unhealthy' }, { targetHealth: 'unhealthy' }], targetGroups: ['web'] })
        .targetGroup('web')
        .alb('front', { targetGroups: ['web'] }),
      resources: ['web'],
      message: /has 1 healthy target out of 3 registered/,
    },
  ],
  doesNotFire: [{ name: 'two healthy targets', snapshot: estate().asg('web', { targetGroups: ['web'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }) }],
  notApplicable: [
    { name: 'no load balancer uses the group', snapshot: estate().asg('solo', { desired: 1, targetGroups: ['solo'] }).targetGroup('solo') },
    { name: 'target health not in the snapshot', snapshot: estate().asg('solo', { desired: 1, targetGroups: ['solo'] }).targetGroup('solo', { healthCollected: false }).alb('front', { targetGroups: ['solo'] }) },
  ],
  unknown: [{ name: 'load balancing was not collected', snapshot: estate().asg('solo', { desired: 1, targetGroups: ['solo'] }).targetGroup('solo').alb('front', { targetGroups: ['solo'] }).coverage('elbv2', 'error') }],
});
