import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const [a, b] = ['us-east-1a', 'us-east-1b'];

ruleTester.run('target-group-healthy-targets-single-az', {
  fires: [
    {
      name: 'a three-zone ALB whose healthy targets share one zone',
      snapshot: estate().asg('web', { zones: [a, b], instances: [{ zone: a }, { zone: a }, { zone: b, targetHealth: 'unhealthy' }], targetGroups: ['web'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }),
      resources: ['web'],
      message: 'Target group web: front span us-east-1a, us-east-1b, us-east-1c, but its 2 healthy targets serve only us-east-1a.',
    },
    {
      name: 'a healthy target in a zone the load balancer is not enabled in serves nothing',
      snapshot: estate().asg('web', { zones: [a, 'us-east-1c'], targetGroups: ['web'] }).targetGroup('web').alb('front', { zones: [a, b], targetGroups: ['web'] }),
      resources: ['web'],
      message: /serve only us-east-1a\.$/,
    },
    {
      name: 'IP targets, zones from the instances they point at',
      snapshot: estate()
        .instance('api-1', { targetGroups: ['api'] })
        .instance('api-2', { targetGroups: ['api'] })
        .targetGroup('api', { targetType: 'ip' })
        .alb('front', { targetGroups: ['api'] })
        .patch('api', (tg) => {
          for (const d of tg.TargetHealthDescriptions as { Target: Record<string, unknown> }[]) delete d.Target.AvailabilityZone;
        }),
      resources: ['api'],
    },
  ],
  doesNotFire: [
    { name: 'healthy targets in two zones', snapshot: estate().asg('web', { targetGroups: ['web'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }) },
    { name: 'an IP target outside the VPC serves every zone', snapshot: estate().asg('web', { zones: [a], targetGroups: ['web'] }).targetGroup('web', { targetType: 'ip', ipTargets: [{ ip: '192.168.1.10', zone: 'all' }] }).alb('front', { targetGroups: ['web'] }) },
  ],
  notApplicable: [
    { name: 'a single healthy target (target-group-single-healthy-target covers it)', snapshot: estate().asg('solo', { desired: 1, targetGroups: ['solo'] }).targetGroup('solo').alb('front', { targetGroups: ['solo'] }) },
    { name: 'a load balancer in one zone', snapshot: estate().asg('web', { zones: [a], targetGroups: ['web'] }).targetGroup('web').nlb('front', { zones: [a], targetGroups: ['web'] }) },
  ],
});
