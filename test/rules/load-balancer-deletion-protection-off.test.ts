import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('load-balancer-deletion-protection-off', {
  fires: [{ name: 'an ALB and an NLB without protection', snapshot: estate().alb('web').nlb('tcp', { attributes: { 'deletion_protection.enabled': 'true' } }).nlb('udp'), resources: ['web', 'udp'], message: /^Load balancer (web \(application\)|udp \(network\)) has deletion protection off/ }],
  doesNotFire: [{ name: 'protected', snapshot: estate().alb('web', { attributes: { 'deletion_protection.enabled': 'true' } }) }],
  notApplicable: [{ name: 'attributes not in the snapshot', snapshot: estate().alb('web', { attributesCollected: false }) }],
});
