import { estate } from '../helpers/estate-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester.run('workload-stateful', {
  fires: [
    {
      name: 'a PostgreSQL instance with a data volume',
      snapshot: estate().instance('postgres-1', { dataVolumes: [100], ports: [5432] }),
      resources: ['postgres'],
      message: /^Workload postgres is stateful: instance i-\w+ keeps data volume vol-\w+ \(kept after termination\), instance i-\w+: security group sg-\w+ opens port 5432 \(PostgreSQL\), instance i-\w+: tag Name=postgres-1 mentions postgres\. Replicas alone/,
    },
    { name: 'a Redis server recognised by its port alone', snapshot: estate().instance('cache', { ports: [6379] }), resources: ['cache'] },
  ],
  doesNotFire: [{ name: 'a stateless web group', snapshot: estate().asg('web') }],
  notApplicable: [{ name: 'a group with no instance', snapshot: estate().asg('idle', { desired: 0, min: 0, max: 0 }) }],
});
