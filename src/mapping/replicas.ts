/**
 * Replicas (k8s-mapping.md §A.1): at least two for anything that can run
 * twice, so one pod can fail or be evicted; exactly one for a singleton.
 */
import { asNumber, byDecision, byDefault, fromAws } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { WorkloadDecision } from './types.js';
import type { ClassResult } from './workload-class.js';
import type { WorkloadSources } from './workload-sources.js';

export interface ReplicaPlan {
  replicas: number;
  contribution: Contribution;
}

/** Plans `replicaCount`. */
export function planReplicas(sources: WorkloadSources, cls: ClassResult, decision: WorkloadDecision | undefined): ReplicaPlan {
  const out = contribution();
  const running = sources.workload.runningInstances.length;
  let replicas: number;
  if (cls.class === 'singleton') {
    replicas = 1;
    out.values.push({ path: 'replicaCount', value: 1, provenance: { ...cls.provenance, reason: `${cls.provenance.reason}: a singleton runs exactly one pod` } });
  } else if (decision?.replicas !== undefined) {
    replicas = Math.max(decision.replicas, 2);
    out.values.push({ path: 'replicaCount', value: replicas, provenance: byDecision(`plan.yaml asks for ${decision.replicas} replicas`) });
  } else if (sources.asg) {
    const desired = asNumber(sources.asg.data.DesiredCapacity) ?? running;
    replicas = Math.max(cls.minReplicas, desired);
    out.values.push({ path: 'replicaCount', value: replicas, provenance: fromAws(sources.asg, 'DesiredCapacity', desired >= cls.minReplicas ? `the group ran ${desired} instances` : `the group ran ${desired}; raised to ${cls.minReplicas} so that a pod can fail or be evicted without an outage`) });
  } else {
    replicas = Math.max(cls.minReplicas, running);
    out.values.push({
      path: 'replicaCount',
      value: replicas,
      provenance: byDefault(running >= cls.minReplicas ? `${running} instances served the workload` : `${running === 1 ? 'one instance' : `${running} instances`} on EC2; raised to ${cls.minReplicas} so that a pod can fail or be evicted without an outage${cls.class === 'app-clustered' ? ' (quorum)' : ''}`),
    });
  }
  return { replicas, contribution: out };
}
