/**
 * Spread over zones and hosts (k8s-mapping.md §0.2, §A.1): a zone topology
 * spread constraint (Polaris) plus preferred hostname anti-affinity
 * (kube-score, kube-linter). Zone names are never pinned: they differ per
 * account. Replicable workloads insist on spreading (DoNotSchedule with
 * minDomains), so one zone's loss never takes every pod.
 */
import { asArray, byDefault, fromAws } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { Provenance, WorkloadClass } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

const ZONE_KEY = 'topology.kubernetes.io/zone';

/** Plans `topologySpreadConstraints` and `podAntiAffinityPreset`; with `outline`, only the warning. */
export function planSpread(sources: WorkloadSources, cls: WorkloadClass, kind: 'Deployment' | 'StatefulSet', minReplicas: number, outline = false): Contribution {
  const out = contribution();
  const asgZones = sources.asg ? asArray(sources.asg.data.AvailabilityZones).map(String) : [];
  const zones = asgZones.length > 0 ? asgZones.length : sources.workload.zones.length;
  const spreads = cls !== 'singleton' && minReplicas >= 2;
  const minDomains = Math.min(minReplicas, Math.max(2, zones));
  if (spreads && zones < 2) out.warnings.push(`The workload ran in a single zone on EC2; on Kubernetes its pods must spread over ${minDomains} zones (the cluster needs nodes in at least ${minDomains} zones).`);
  if (outline) return out;
  const zoneProvenance: Provenance = sources.asg && asgZones.length > 0
    ? fromAws(sources.asg, 'AvailabilityZones', `the group spanned ${asgZones.length} zone${asgZones.length === 1 ? '' : 's'}`)
    : byDefault(`the instances ran in ${zones} zone${zones === 1 ? '' : 's'}`);

  const constraint: Record<string, unknown> = { topologyKey: ZONE_KEY, maxSkew: 1 };
  let reason: string;
  if (!spreads) {
    constraint.whenUnsatisfiable = 'ScheduleAnyway';
    reason = 'one pod: the constraint only matters if replicas are added later';
  } else {
    constraint.whenUnsatisfiable = 'DoNotSchedule';
    constraint.minDomains = minDomains;
    reason = `${zoneProvenance.reason}; pods must land in at least ${minDomains} zones (min(replicas ${minReplicas}, max(2, zones ${zones}))) so that losing one zone never takes every pod`;
  }
  // Deployments: count only pods of the same revision, so a rollout does not skew the spread.
  if (kind === 'Deployment') constraint.matchLabelKeys = ['pod-template-hash'];
  out.values.push({ path: 'topologySpreadConstraints', value: [constraint], provenance: { ...zoneProvenance, reason } });
  out.values.push({ path: 'podAntiAffinityPreset', value: 'soft', provenance: byDefault('prefer one pod per node (kubernetes.io/hostname); preferred, not required, so pods still schedule on a small cluster') });
  return out;
}
