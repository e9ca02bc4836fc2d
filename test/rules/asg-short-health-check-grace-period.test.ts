import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const behindAlb = (grace: number, hooks: string[] = []) =>
  estate().asg('web', { targetGroups: ['web'], gracePeriod: grace, lifecycleHooks: hooks }).targetGroup('web').alb('front', { targetGroups: ['web'] });

ruleTester.run('asg-short-health-check-grace-period', {
  fires: [{ name: 'no grace at all', snapshot: behindAlb(0), resources: ['web'], message: /with a grace period of 0 s:/ }],
  doesNotFire: [{ name: 'five minutes of grace', snapshot: behindAlb(300) }],
  notApplicable: [
    { name: 'EC2 health checks only', snapshot: estate().asg('workers', { gracePeriod: 0 }) },
    { name: 'a lifecycle hook holds instances until they are ready', snapshot: behindAlb(0, ['wait-for-boot']) },
  ],
});
