import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-broken-references', {
  fires: [
    { name: 'a deleted target group', snapshot: estate().asg('web', { targetGroups: ['gone'] }), resources: ['web'], message: /references target group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/gone\/0+, which the snapshot/ },
    { name: 'a deleted launch template and classic load balancer', snapshot: estate().asg('legacy', { classicLoadBalancers: ['old-elb'] }).patch('legacy-lt', (r) => (r.LaunchTemplateId = 'lt-other')), resources: ['legacy'], message: /references classic load balancer old-elb, launch template lt-legacy,/ },
  ],
  doesNotFire: [{ name: 'everything exists', snapshot: estate().asg('web', { targetGroups: ['web'] }).targetGroup('web') }],
  notApplicable: [{ name: 'a group that may not run anything', snapshot: estate().asg('idle', { desired: 0, min: 0, max: 0, targetGroups: ['gone'] }) }],
  unknown: [{ name: 'load balancers were not collected', snapshot: estate().asg('web', { targetGroups: ['gone'] }).coverage('elbv2', 'error') }],
});
