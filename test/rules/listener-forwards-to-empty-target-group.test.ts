import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

// GWLB listeners carry neither Protocol nor Port.
function gatewayEstate() {
  const snapshot = estate().targetGroup('appliances', { protocol: 'GENEVE', port: 6081 }).alb('gwlb', { targetGroups: ['appliances'] }).patch('gwlb', (r) => (r.Type = 'gateway')).build();
  for (const listener of snapshot.resources['AWS::ElasticLoadBalancingV2::Listener']!) {
    delete listener.Port;
    delete listener.Protocol;
  }
  return snapshot;
}

ruleTester.run('listener-forwards-to-empty-target-group', {
  fires: [
    { name: 'default action to an empty group', snapshot: estate().targetGroup('empty').alb('front', { targetGroups: ['empty'] }), message: /^The listener of front on port 80 forwards to empty, which has no registered target/ },
    {
      name: 'a weighted forward that includes an empty group',
      snapshot: estate().asg('blue', { targetGroups: ['blue'] }).targetGroup('blue').targetGroup('green').alb('front', { listeners: [{ port: 80, forward: [{ targetGroup: 'blue', weight: 90 }, { targetGroup: 'green', weight: 10 }] }] }),
      message: /forwards to green, which has no registered target/,
    },
    {
      name: 'a Gateway Load Balancer listener has no port',
      snapshot: gatewayEstate(),
      message: /^The listener of gwlb forwards to appliances, which has no registered target/,
    },
  ],
  doesNotFire: [{ name: 'every group has targets', snapshot: estate().asg('web', { targetGroups: ['web'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }) }],
  notApplicable: [{ name: 'a listener answering a fixed response', snapshot: estate().alb('front', { listeners: [{ port: 80 }] }) }],
});
