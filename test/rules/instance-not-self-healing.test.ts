import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('instance-not-self-healing', {
  fires: [
    {
      name: 'a running instance outside any group',
      snapshot: estate().instance('jenkins').asg('web'),
      resources: ['jenkins'],
      message: /^Instance jenkins \(i-[0-9a-f]+\) in us-east-1a is not in an Auto Scaling group: .* \(automatic recovery: default\)\.$/,
    },
    {
      name: 'two standalone replicas behind a load balancer are each unmanaged',
      snapshot: estate().instance('api-1', { targetGroups: ['api'] }).instance('api-2', { targetGroups: ['api'], zone: 'us-east-1b' }).targetGroup('api').alb('front', { targetGroups: ['api'] }),
      resources: ['api-1', 'api-2'],
    },
  ],
  doesNotFire: [{ name: 'instances of an Auto Scaling group', snapshot: estate().asg('web') }],
  notApplicable: [{ name: 'a stopped instance', snapshot: estate().instance('jenkins', { state: 'stopped' }) }],
});
