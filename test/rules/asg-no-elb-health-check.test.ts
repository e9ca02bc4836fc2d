import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-no-elb-health-check', {
  fires: [
    {
      name: 'attached through a target group only (no classic names)',
      snapshot: estate().asg('web', { targetGroups: ['web'], healthCheckType: 'EC2' }).targetGroup('web').alb('front', { targetGroups: ['web'] }),
      resources: ['web'],
      message: 'Auto Scaling group web sends traffic through front but its health check type is EC2: an instance failing the load balancer\'s check is never replaced.',
    },
    { name: 'attached to a classic load balancer', snapshot: estate().asg('legacy', { classicLoadBalancers: ['legacy'], healthCheckType: 'EC2' }).clb('legacy'), resources: ['legacy'] },
    { name: 'attached to a target group no load balancer uses yet', snapshot: estate().asg('web', { targetGroups: ['web'], healthCheckType: 'EC2' }).targetGroup('web'), resources: ['web'], message: /sends traffic through web but/ },
  ],
  doesNotFire: [
    { name: 'ELB among several health check types', snapshot: estate().asg('web', { targetGroups: ['web'], healthCheckType: 'EC2,ELB' }).targetGroup('web').alb('front', { targetGroups: ['web'] }) },
    { name: 'ELB health checks', snapshot: estate().asg('web', { classicLoadBalancers: ['legacy'], healthCheckType: 'ELB' }).clb('legacy') },
  ],
  notApplicable: [{ name: 'a group with no load balancer', snapshot: estate().asg('workers', { healthCheckType: 'EC2' }) }],
});
