import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('asg-single-instance-type', {
  fires: [{ name: 'one type from a launch template', snapshot: estate().asg('web', { instanceTypes: ['m5.large'] }), resources: ['web'], message: /launches only m5\.large:/ }],
  doesNotFire: [{ name: 'a mixed instances policy with two types', snapshot: estate().asg('web', { launch: 'mixed', instanceTypes: ['m5.large', 'm5a.large'] }) }],
  notApplicable: [
    { name: 'no instance type known', snapshot: estate().asg('idle', { desired: 0, min: 0, max: 0 }) },
    {
      name: 'types chosen by attributes',
      snapshot: estate()
        .asg('flex', { launch: 'mixed', instanceTypes: ['m5.large'] })
        .patch('flex', (r) => {
          (r.MixedInstancesPolicy as { LaunchTemplate: { Overrides: unknown[] } }).LaunchTemplate.Overrides = [{ InstanceRequirements: { VCpuCount: { Min: 2 }, MemoryMiB: { Min: 4096 } } }];
        }),
    },
  ],
});
