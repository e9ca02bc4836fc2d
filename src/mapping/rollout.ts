/**
 * Rollouts (k8s-mapping.md §A.1): the instance refresh or instance
 * maintenance policy of the group becomes the Deployment's rolling update;
 * the HA default replaces pods one at a time with a surge pod and no loss of
 * capacity. A singleton is recreated (two copies must never run at once), and
 * a StatefulSet rolls one member at a time.
 */
import { asArray, asNumber, asRecord, byDefault, clamp, fromAws, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { Provenance, WorkloadClass } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

interface HealthyPercentages {
  min?: number;
  max?: number;
  warmup?: number;
  source: Sourced;
  field: string;
}

/** The group's rollout limits: the instance maintenance policy, else the latest instance refresh's preferences. */
function healthyPercentages(asg: Sourced): HealthyPercentages | undefined {
  const policy = asRecord(asg.data.InstanceMaintenancePolicy);
  if (asNumber(policy.MinHealthyPercentage) !== undefined && asNumber(policy.MinHealthyPercentage) !== -1) {
    return { min: asNumber(policy.MinHealthyPercentage), max: asNumber(policy.MaxHealthyPercentage), source: asg, field: 'InstanceMaintenancePolicy' };
  }
  const refreshes = asArray(asg.data.InstanceRefreshes).map(asRecord).sort((a, b) => String(b.StartTime ?? '').localeCompare(String(a.StartTime ?? '')));
  const preferences = asRecord(refreshes[0]?.Preferences);
  if (asNumber(preferences.MinHealthyPercentage) !== undefined) {
    return { min: asNumber(preferences.MinHealthyPercentage), max: asNumber(preferences.MaxHealthyPercentage), warmup: asNumber(preferences.InstanceWarmup), source: asg, field: 'InstanceRefreshes.Preferences' };
  }
  return undefined;
}

/** Plans `strategy` / `updateStrategy` and `minReadySeconds`. */
export function planRollout(sources: WorkloadSources, cls: WorkloadClass, kind: 'Deployment' | 'StatefulSet', replicas: number): Contribution {
  const out = contribution();
  const set = (path: string, value: unknown, provenance: Provenance) => out.values.push({ path, value, provenance });
  const asg = sources.asg;
  const limits = asg ? healthyPercentages(asg) : undefined;

  if (kind === 'StatefulSet') {
    set('updateStrategy', { type: 'RollingUpdate' }, byDefault('members are replaced one at a time, highest ordinal first'));
  } else if (cls === 'singleton') {
    set('strategy', { type: 'Recreate' }, byDefault('a single-instance application must never run twice, not even during a rollout'));
  } else if (limits?.min !== undefined) {
    const min = clamp(limits.min, 0, 100);
    const max = clamp(limits.max ?? 100, 100, 200);
    const unavailable = `${100 - min}%`;
    // Kubernetes rounds maxUnavailable down and maxSurge up; both 0 is invalid.
    const unavailableCount = Math.floor((replicas * (100 - min)) / 100);
    const surge: string | number = max > 100 ? `${max - 100}%` : unavailableCount === 0 ? 1 : '0%';
    set('strategy.type', 'RollingUpdate', fromAws(limits.source, limits.field, 'pods are replaced in a rolling update, as instances were'));
    set('strategy.rollingUpdate.maxUnavailable', unavailable, fromAws(limits.source, `${limits.field}.MinHealthyPercentage`, `${min}% of capacity stayed healthy during replacements`));
    set('strategy.rollingUpdate.maxSurge', surge, fromAws(limits.source, `${limits.field}.MaxHealthyPercentage`, surge === 1 && max === 100 ? `${max}% allowed no extra instance, but ${unavailable} of ${replicas} rounds down to 0 and a rollout needs room to move: one surge pod` : `up to ${max}% of capacity ran during replacements`));
  } else {
    set('strategy.type', 'RollingUpdate', byDefault('pods are replaced in a rolling update'));
    set('strategy.rollingUpdate.maxUnavailable', 0, byDefault('never below the planned capacity during a rollout'));
    set('strategy.rollingUpdate.maxSurge', 1, byDefault('one extra pod at a time'));
  }

  const warmup = limits?.warmup ?? (asg ? asNumber(asg.data.DefaultInstanceWarmup) : undefined);
  if (asg && warmup !== undefined && warmup >= 0) {
    set('minReadySeconds', clamp(warmup, 0, 300), fromAws(asg, limits?.warmup !== undefined ? 'InstanceRefreshes.Preferences.InstanceWarmup' : 'DefaultInstanceWarmup', `new instances warmed up ${warmup} s before they counted; clamp(${warmup}, 0, 300)`));
  } else {
    set('minReadySeconds', 10, byDefault('a new pod must stay ready 10 s before the rollout moves on'));
  }
  return out;
}
