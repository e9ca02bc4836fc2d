import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('nlb-cross-zone-off', {
  fires: [
    {
      name: 'the NLB default',
      snapshot: estate().asg('db', { targetGroups: ['db'] }).targetGroup('db', { protocol: 'TCP', port: 5432 }).nlb('tcp', { targetGroups: ['db'] }),
      resources: ['tcp'],
      message: /has cross-zone load balancing off \(the NLB default\): each zone serves only its own targets \(healthy per zone: \{"us-east-1a":1,"us-east-1b":1\}\)\.$/,
    },
  ],
  doesNotFire: [{ name: 'turned on', snapshot: estate().nlb('tcp', { attributes: { 'load_balancing.cross_zone.enabled': 'true' } }) }],
  notApplicable: [
    { name: 'an ALB balances across zones always', snapshot: estate().alb('web') },
    { name: 'an NLB in one zone', snapshot: estate().nlb('tcp', { zones: ['us-east-1a'] }) },
  ],
});
