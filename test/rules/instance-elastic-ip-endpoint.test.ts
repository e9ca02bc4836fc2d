import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('instance-elastic-ip-endpoint', {
  fires: [{ name: 'a single box on an Elastic IP', snapshot: estate().instance('redash', { eip: true }), resources: ['redash'], message: /serves clients on Elastic IP 127\.0\.0\.4 and no load balancer/ }],
  doesNotFire: [
    { name: 'an Elastic IP on an instance behind a load balancer', snapshot: estate().instance('web', { eip: true, targetGroups: ['web'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }) },
    { name: 'an instance without an Elastic IP', snapshot: estate().instance('worker') },
  ],
  notApplicable: [{ name: 'a stopped instance keeping its Elastic IP', snapshot: estate().instance('redash', { eip: true, state: 'stopped' }) }],
  unknown: [{ name: 'load balancers were not collected', snapshot: estate().instance('redash', { eip: true }).coverage('elbv2', 'error') }],
});
