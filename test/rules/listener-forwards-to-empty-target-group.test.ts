import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('listener-forwards-to-empty-target-group', {
  fires: [
    { name: 'default action to an empty group', snapshot: estate().targetGroup('empty').alb('front', { targetGroups: ['empty'] }), message: /^Listener HTTP:80 of front forwards to empty, which has no registered target/ },
    {
      name: 'a weighted forward that includes an empty group',
      snapshot: estate().asg('blue', { targetGroups: ['blue'] }).targetGroup('blue').targetGroup('green').alb('front', { listeners: [{ port: 80, forward: [{ targetGroup: 'blue', weight: 90 }, { targetGroup: 'green', weight: 10 }] }] }),
      message: /forwards to green, which has no registered target/,
    },
  ],
  doesNotFire: [{ name: 'every group has targets', snapshot: estate().asg('web', { targetGroups: ['web'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }) }],
  notApplicable: [{ name: 'a listener answering a fixed response', snapshot: estate().alb('front', { listeners: [{ port: 80 }] }) }],
});
