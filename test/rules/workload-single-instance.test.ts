import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('workload-single-instance', {
  fires: [
    {
      name: 'one box with an Elastic IP',
      snapshot: estate().instance('redash', { eip: true }),
      resources: ['redash'],
      message: 'Workload redash runs on a single instance in us-east-1a, outside any Auto Scaling group: its failure, or its zone\'s, stops the service until someone rebuilds it.',
    },
    { name: 'one running instance and a stopped spare', snapshot: estate().instance('jenkins-1').instance('jenkins-2', { state: 'stopped' }), resources: ['jenkins'] },
  ],
  doesNotFire: [
    {
      name: 'two standalone instances behind a classic load balancer',
      snapshot: estate().instance('legacy-1', { classicLoadBalancers: ['legacy'] }).instance('legacy-2', { classicLoadBalancers: ['legacy'], zone: 'us-east-1b' }).clb('legacy'),
    },
  ],
  notApplicable: [
    { name: 'an Auto Scaling group of one heals itself (asg-single-instance covers it)', snapshot: estate().asg('web', { desired: 1 }) },
    { name: 'nothing running', snapshot: estate().instance('batch', { state: 'stopped' }) },
  ],
});
