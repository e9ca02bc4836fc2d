import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('instance-data-volume', {
  fires: [
    {
      name: 'a database on one instance with a data volume',
      snapshot: estate().instance('postgres-1', { dataVolumes: [100], ports: [5432] }),
      resources: ['postgres-1'],
      message: /^Instance postgres-1 \(i-[0-9a-f]+\) keeps 100 GiB on data volume\(s\) vol-[0-9a-f]+ in us-east-1a; no other instance has this data\.$/,
    },
    { name: 'a volume deleted with the instance still holds its data while it runs', snapshot: estate().instance('cache', { dataVolumes: [{ sizeGiB: 20, deleteOnTermination: true }] }), resources: ['cache'] },
  ],
  doesNotFire: [{ name: 'only a root volume', snapshot: estate().instance('app') }],
  notApplicable: [{ name: 'group instances and a stopped database', snapshot: estate().asg('web').instance('old-db', { state: 'stopped', dataVolumes: [50] }) }],
});
