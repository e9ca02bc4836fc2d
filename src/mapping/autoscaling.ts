/**
 * Autoscaling (k8s-mapping.md §A.1, mission-anchors §6.3). An Auto Scaling
 * group that scaled on CPU becomes an HPA (minReplicas ≥ 2, maxReplicas above
 * it). Request-count and CloudWatch-metric policies and scheduled actions
 * become KEDA triggers, written but switched off: KEDA must be installed, and
 * it replaces the HPA.
 */
import { asArray, asBoolean, asNumber, asRecord, asString, byDecision, byDefault, clamp, fromAws, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { Provenance, WorkloadDecision } from './types.js';
import type { ClassResult } from './workload-class.js';
import type { WorkloadSources } from './workload-sources.js';

export interface AutoscalingPlan {
  enabled: boolean;
  minReplicas?: number;
  maxReplicas?: number;
  contribution: Contribution;
}

const DEFAULT_CPU_TARGET = 70;

/** A KEDA trigger, as the chart passes it through. */
type Trigger = { type: string; metadata: Record<string, string> };

function isEnabled(policy: Sourced): boolean {
  return asBoolean(policy.data.Enabled) !== false;
}

function cloudwatchTrigger(policy: Sourced, region: string): Trigger | undefined {
  const config = asRecord(policy.data.TargetTrackingConfiguration);
  const target = asNumber(config.TargetValue);
  const predefined = asRecord(config.PredefinedMetricSpecification);
  if (asString(predefined.PredefinedMetricType) === 'ALBRequestCountPerTarget') {
    // ResourceLabel: app/<lb>/<id>/targetgroup/<tg>/<id>; CloudWatch's TargetGroup dimension is the part from "targetgroup/".
    const label = asString(predefined.ResourceLabel) ?? '';
    const dimension = label.includes('targetgroup/') ? label.slice(label.indexOf('targetgroup/')) : label;
    return {
      type: 'aws-cloudwatch',
      metadata: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCountPerTarget', dimensionName: 'TargetGroup', dimensionValue: dimension, targetMetricValue: String(target ?? 1000), metricStat: 'Sum', awsRegion: region },
    };
  }
  const custom = asRecord(config.CustomizedMetricSpecification);
  const metricName = asString(custom.MetricName);
  if (metricName) {
    const dimension = asRecord(asArray(custom.Dimensions)[0]);
    const metadata: Record<string, string> = { namespace: asString(custom.Namespace) ?? '', metricName, targetMetricValue: String(target ?? 0), metricStat: asString(custom.Statistic) ?? 'Average', awsRegion: region };
    if (asString(dimension.Name)) {
      metadata.dimensionName = String(dimension.Name);
      metadata.dimensionValue = String(dimension.Value ?? '');
    }
    return { type: 'aws-cloudwatch', metadata };
  }
  return undefined;
}

function level(action: Sourced): number | undefined {
  return asNumber(action.data.DesiredCapacity) ?? asNumber(action.data.MinSize);
}

/** Pairs each scale-up scheduled action with the following scale-down one into a KEDA cron window. */
export function cronTriggers(actions: Sourced[], baseline: number, warnings: string[]): Trigger[] {
  const recurring = actions.filter((a) => asString(a.data.Recurrence));
  for (const a of actions) if (!asString(a.data.Recurrence)) warnings.push(`One-time scheduled action ${a.ref.name} is not carried over.`);
  const ups = recurring.filter((a) => (level(a) ?? baseline) > baseline);
  const downs = recurring.filter((a) => (level(a) ?? baseline) <= baseline);
  const used = new Set<Sourced>();
  const triggers: Trigger[] = [];
  for (const up of ups) {
    const tz = asString(up.data.TimeZone) ?? 'Etc/UTC';
    const down = downs.find((d) => !used.has(d) && (asString(d.data.TimeZone) ?? 'Etc/UTC') === tz);
    if (!down) {
      warnings.push(`Scheduled action ${up.ref.name} raises capacity but no later action lowers it; it is not carried over.`);
      continue;
    }
    used.add(down);
    triggers.push({ type: 'cron', metadata: { timezone: tz, start: String(up.data.Recurrence), end: String(down.data.Recurrence), desiredReplicas: String(Math.max(2, level(up) ?? 2)) } });
  }
  return triggers;
}

/** Plans `autoscaling.*`. */
export function planAutoscaling(sources: WorkloadSources, cls: ClassResult, replicas: number, decision: WorkloadDecision | undefined): AutoscalingPlan {
  const out = contribution();
  const set = (path: string, value: unknown, provenance: Provenance) => out.values.push({ path, value, provenance });
  const off = (reason: Provenance): AutoscalingPlan => {
    set('autoscaling.enabled', false, reason);
    return { enabled: false, contribution: out };
  };
  if (cls.class === 'singleton') return off({ ...cls.provenance, reason: 'a singleton runs exactly one pod' });
  const asg = sources.asg;
  const minSize = asg ? asNumber(asg.data.MinSize) : undefined;
  const maxSize = asg ? asNumber(asg.data.MaxSize) : undefined;
  const policies = sources.scalingPolicies.filter(isEnabled);

  if (decision?.autoscaling) {
    if (!decision.autoscaling.enabled) return off(byDecision('plan.yaml turns autoscaling off'));
    const min = Math.max(2, decision.autoscaling.minReplicas ?? minSize ?? replicas);
    const max = Math.max(min + 1, decision.autoscaling.maxReplicas ?? maxSize ?? min * 2);
    set('autoscaling.enabled', true, byDecision('plan.yaml turns autoscaling on'));
    set('autoscaling.minReplicas', min, byDecision(decision.autoscaling.minReplicas !== undefined ? `plan.yaml sets minReplicas ${decision.autoscaling.minReplicas} (at least 2)` : 'from the group\'s MinSize, at least 2'));
    set('autoscaling.maxReplicas', max, byDecision(decision.autoscaling.maxReplicas !== undefined ? `plan.yaml sets maxReplicas ${decision.autoscaling.maxReplicas} (above minReplicas)` : 'from the group\'s MaxSize, above minReplicas'));
    set('autoscaling.targetCPUUtilizationPercentage', DEFAULT_CPU_TARGET, byDefault('HPA on CPU at 70% of the request'));
    return { enabled: true, minReplicas: min, maxReplicas: max, contribution: out };
  }
  if (!asg) return off(byDefault('standalone instances never scaled: a fixed replica count'));
  if (policies.length === 0 || maxSize === undefined || minSize === undefined || maxSize <= minSize) {
    return off(fromAws(asg, policies.length === 0 ? 'ScalingPolicies' : 'MaxSize', policies.length === 0 ? 'the group had no scaling policy: a fixed replica count' : 'MinSize equals MaxSize: the group never scaled'));
  }

  const min = Math.max(cls.minReplicas, minSize);
  const max = Math.max(min + 1, maxSize);
  set('autoscaling.enabled', true, fromAws(policies[0] as Sourced, 'PolicyType', `the group scaled with ${policies.length} polic${policies.length === 1 ? 'y' : 'ies'} (${[...new Set(policies.map((p) => String(p.data.PolicyType ?? 'SimpleScaling')))].join(', ')})`));
  set('autoscaling.minReplicas', min, fromAws(asg, 'MinSize', minSize >= cls.minReplicas ? `the group kept at least ${minSize} instances` : `MinSize ${minSize} raised to ${cls.minReplicas}: one pod must be able to fail`));
  set('autoscaling.maxReplicas', max, fromAws(asg, 'MaxSize', maxSize > min ? `the group grew to at most ${maxSize} instances` : `MaxSize ${maxSize} raised to ${max}: the HPA maximum must exceed its minimum`));

  const triggers: Trigger[] = [];
  let cpu: { value: number; provenance: Provenance } | undefined;
  for (const policy of policies) {
    const type = asString(policy.data.PolicyType) ?? 'SimpleScaling';
    const config = asRecord(policy.data.TargetTrackingConfiguration);
    const metric = asString(asRecord(config.PredefinedMetricSpecification).PredefinedMetricType);
    if (type === 'TargetTrackingScaling' && metric === 'ASGAverageCPUUtilization') {
      const target = asNumber(config.TargetValue) ?? DEFAULT_CPU_TARGET;
      cpu ??= { value: clamp(Math.round(target), 50, 80), provenance: fromAws(policy, 'TargetTrackingConfiguration.TargetValue', `the group tracked ${target}% average CPU; clamp(${target}, 50, 80) of the pod's CPU request`) };
      if (asBoolean(config.DisableScaleIn)) set('autoscaling.behavior.scaleDown.selectPolicy', 'Disabled', fromAws(policy, 'TargetTrackingConfiguration.DisableScaleIn', 'the policy never scaled in'));
    } else if (type === 'TargetTrackingScaling' && (metric === 'ASGAverageNetworkIn' || metric === 'ASGAverageNetworkOut')) {
      out.warnings.push(`Policy ${policy.ref.name} scaled on ${metric}; the HPA has no network metric. Scale on a request rate (KEDA, Prometheus) instead; CPU is used meanwhile.`);
    } else if (type === 'TargetTrackingScaling') {
      const trigger = cloudwatchTrigger(policy, sources.workload.region);
      if (trigger) triggers.push(trigger);
      if (trigger) out.warnings.push(`Policy ${policy.ref.name} scaled on ${trigger.metadata.metricName}; it is written as an optional KEDA aws-cloudwatch trigger (autoscaling.keda, off). The HPA scales on CPU until KEDA is installed.`);
    } else if (type === 'PredictiveScaling') {
      out.warnings.push(`Predictive scaling policy ${policy.ref.name} has no Kubernetes equivalent; a KEDA cron trigger can follow its daily pattern.`);
    } else {
      out.warnings.push(`${type} policy ${policy.ref.name} (thresholds on a CloudWatch alarm) has no exact HPA equivalent; the HPA tracks CPU instead. Review the target.`);
    }
  }
  set('autoscaling.targetCPUUtilizationPercentage', cpu?.value ?? DEFAULT_CPU_TARGET, cpu?.provenance ?? byDefault('the group scaled on another metric; the HPA tracks 70% of the CPU request meanwhile'));
  const cooldown = asNumber(asg.data.DefaultCooldown);
  if (cooldown !== undefined) set('autoscaling.behavior.scaleDown.stabilizationWindowSeconds', clamp(cooldown, 0, 3600), fromAws(asg, 'DefaultCooldown', 'the group waited this long between scaling activities'));

  triggers.push(...cronTriggers(sources.scheduledActions, minSize, out.warnings));
  if (triggers.length > 0) {
    set('autoscaling.keda.enabled', false, byDefault('optional: needs KEDA in the cluster, and replaces the HPA (turn autoscaling.enabled off when you turn this on)'));
    set('autoscaling.keda.minReplicaCount', min, fromAws(asg, 'MinSize', 'same floor as the HPA'));
    set('autoscaling.keda.maxReplicaCount', max, fromAws(asg, 'MaxSize', 'same ceiling as the HPA'));
    const first = sources.scheduledActions[0] ?? policies[0];
    set('autoscaling.keda.triggers', triggers, fromAws(first as Sourced, sources.scheduledActions.length > 0 ? 'Recurrence' : 'TargetTrackingConfiguration', 'request-count and CloudWatch-metric policies and scheduled actions, as KEDA triggers'));
  }
  if (sources.warmPools.length > 0) out.warnings.push('The group kept a warm pool of pre-initialised instances; Kubernetes has no equivalent per pod. Keep minReplicas higher or over-provision nodes if start-up is slow.');
  return { enabled: true, minReplicas: min, maxReplicas: max, contribution: out };
}
