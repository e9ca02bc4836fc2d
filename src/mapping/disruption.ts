/**
 * The PodDisruptionBudget: at most one pod down during voluntary disruptions
 * (drains, upgrades, consolidation). maxUnavailable 1 is safe for any replica
 * count, including a singleton, whose node can then still be drained
 * (k8s-mapping.md §0.5, §A.1). The eviction policy is set explicitly.
 */
import { byDefault } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { WorkloadClass } from './types.js';

/** Plans `podDisruptionBudget.*`. */
export function planDisruption(cls: WorkloadClass): Contribution {
  const out = contribution();
  out.values.push({ path: 'podDisruptionBudget.enabled', value: true, provenance: byDefault(cls === 'singleton' ? 'a budget that allows one eviction keeps node drains possible for a single pod' : 'node drains and upgrades take down at most one pod at a time') });
  out.values.push({ path: 'podDisruptionBudget.minAvailable', value: null, provenance: byDefault('maxUnavailable is used instead: minAvailable near the replica count blocks drains') });
  out.values.push({ path: 'podDisruptionBudget.maxUnavailable', value: 1, provenance: byDefault('one pod at a time; never 0, which blocks every drain') });
  out.values.push({ path: 'podDisruptionBudget.unhealthyPodEvictionPolicy', value: 'AlwaysAllow', provenance: byDefault('pods that are already unhealthy may be evicted, so a broken pod never blocks a drain') });
  return out;
}
