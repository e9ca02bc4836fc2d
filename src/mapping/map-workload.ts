/**
 * Maps one workload to its Kubernetes plan: the values for charts/kubelift-app
 * with the provenance of every value, the honest HA class, the known
 * application it runs, and what a person must still do. Each concern lives in
 * its own module; this one runs them in order and assembles the result.
 */
import { sortInPlace, sortStrings } from '../model/sort.js';
import type { Model, ResourceRef, Workload } from '../model/types.js';
import type { Finding } from '../rules/types.js';
import { collectEvidence, detectApp, mayRunCatalogApp } from './apps.js';
import { planAutoscaling } from './autoscaling.js';
import { byDecision, byDefault, fromCatalog } from './aws-fields.js';
import type { Contribution } from './contribution.js';
import { planDisruption } from './disruption.js';
import { decideExposure } from './exposure.js';
import { findFront } from './front.js';
import { planImage } from './image.js';
import { planIngress } from './ingress.js';
import { planLabels } from './labels.js';
import { planNetworkPolicy } from './network-policy.js';
import { planPorts } from './ports.js';
import { planProbes } from './probes.js';
import { planReplicas } from './replicas.js';
import { planResources } from './resources.js';
import { planRollout } from './rollout.js';
import { planService } from './service.js';
import { planServiceAccount } from './service-account.js';
import { planShutdown } from './shutdown.js';
import { planSpread } from './spread.js';
import { planStorage } from './storage.js';
import type { KubernetesPlan, MappingOptions, PlanDefaults, PlanOutline, PlanTask, WorkloadDecision } from './types.js';
import { createValuesBuilder, type ValuesBuilder } from './values-builder.js';
import { CHART_HA_CLASS, classifyWorkload } from './workload-class.js';
import { gatherSources, servingCount, type WorkloadSources } from './workload-sources.js';

/** The order of top-level keys in the values, following the chart's values.yaml. */
const TOP_LEVEL_ORDER = [
  'kubelift', 'fullnameOverride', 'commonLabels', 'commonAnnotations', 'workload', 'replicaCount', 'minReadySeconds', 'strategy', 'updateStrategy',
  'image', 'containerPorts', 'serviceAccount', 'podLabels', 'service', 'ingress', 'resources', 'startupProbe', 'readinessProbe', 'livenessProbe',
  'lifecycle', 'terminationGracePeriodSeconds', 'autoscaling', 'podDisruptionBudget', 'podAntiAffinityPreset', 'topologySpreadConstraints',
  'nodeSelector', 'persistence', 'volumeMounts', 'networkPolicy',
];

const TASK_ORDER: PlanTask['kind'][] = ['state', 'singleton', 'image', 'app', 'storage', 'identity', 'network', 'secrets', 'review'];

/** Blocking tasks first, then by kind in TASK_ORDER, then by id. */
const byTaskOrder = (a: PlanTask, b: PlanTask): number =>
  Number(b.blocking) - Number(a.blocking) || TASK_ORDER.indexOf(a.kind) - TASK_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id);

function ordered(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of TOP_LEVEL_ORDER) if (key in values) out[key] = values[key];
  for (const key of Object.keys(values).sort()) if (!(key in out)) out[key] = values[key];
  return out;
}

function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** The ARN of a resource reference (EC2 ARNs are built from the id, which is how AWS forms them). */
export function arnOf(ref: ResourceRef): string {
  if (ref.arn) return ref.arn;
  const base = `arn:${partitionOf(ref.region)}:ec2:${ref.region}:${ref.accountId}`;
  switch (ref.type) {
    case 'AWS::EC2::Instance':
      return `${base}:instance/${ref.id}`;
    case 'AWS::EC2::Volume':
      return `${base}:volume/${ref.id}`;
    case 'AWS::EC2::SecurityGroup':
      return `${base}:security-group/${ref.id}`;
    case 'AWS::EC2::EIP':
      return `${base}:elastic-ip/${ref.id}`;
    case 'AWS::ElasticLoadBalancing::LoadBalancer':
      return `arn:${partitionOf(ref.region)}:elasticloadbalancing:${ref.region}:${ref.accountId}:loadbalancer/${ref.id}`;
    case 'AWS::AutoScaling::AutoScalingGroup':
      return `arn:${partitionOf(ref.region)}:autoscaling:${ref.region}:${ref.accountId}:autoScalingGroupName/${ref.id}`;
    default:
      return ref.id;
  }
}

function sourcesOf(s: WorkloadSources): ResourceRef[] {
  const refs = new Map<string, ResourceRef>();
  const add = (ref: ResourceRef) => refs.set(`${ref.type}|${ref.id}`, ref);
  if (s.asg) add(s.asg.ref);
  for (const list of [s.instances, s.loadBalancers, s.classicLoadBalancers, s.targetGroups, s.securityGroups, s.elasticIps]) for (const x of list) add(x.ref);
  for (const v of s.dataVolumes) add(v.volume.ref);
  return sortInPlace([...refs.values()], (a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
}

/** Where the concerns' values go: a builder, or nowhere when only the outline is wanted. */
type ValuesSink = Pick<ValuesBuilder, 'set' | 'apply'>;

const DISCARD: ValuesSink = {
  set() {},
  apply() {},
};

/**
 * The Kubernetes plan of one workload. `findings` are the workload's own
 * (see findingsByWorkload), `decision` is its entry of plan.yaml, `defaults` its estate-wide defaults; `options.apps` is the parsed
 * known-application catalog (no detection without it).
 */
export function mapWorkload(model: Model, workload: Workload, findings: readonly Finding[], decision?: WorkloadDecision, defaults?: PlanDefaults, options: MappingOptions = {}): KubernetesPlan {
  const builder = createValuesBuilder();
  const { workloadId, workloadName, kind, class: cls, replicas, autoscaling, ...rest } = planWorkload(model, workload, findings, decision, defaults, options, builder);
  // The last values say where the release came from and what to review: the outline has both.
  builder.set('kubelift.sourceArns', (rest.sources ?? []).filter((r) => r.type !== 'AWS::EC2::SecurityGroup').map(arnOf).filter((arn) => arn.startsWith('arn:')), byDefault('the resources this release was generated from'));
  builder.set('kubelift.warnings', rest.warnings ?? [], byDefault('lossy conversions to review'));
  const { values, provenance } = builder.result();
  return { workloadId, workloadName, kind, class: cls, replicas, autoscaling, values: ordered(values), provenance, ...rest };
}

/**
 * The plan of a workload without plan.yaml, for the report's `kubernetes` summary, at a fraction
 * of the cost: the same decisions, tasks and warnings as mapWorkload, without what summaries and
 * readiness scores never read (the values, the resources it came from and its findings: values,
 * provenance, sources, findingIds and spofToday are left out).
 */
export function summaryOutline(model: Model, workload: Workload, options: MappingOptions = {}): PlanOutline {
  return planWorkload(model, workload, undefined, undefined, undefined, options, DISCARD);
}

/** `findings` undefined: the outline leaves out the sources and findings (summaryOutline). */
function planWorkload(model: Model, workload: Workload, findings: readonly Finding[] | undefined, decision: WorkloadDecision | undefined, defaults: PlanDefaults | undefined, options: MappingOptions, builder: ValuesSink): PlanOutline {
  const sources = gatherSources(model, workload);
  const detected = options.apps && options.apps.length > 0 && mayRunCatalogApp(sources, options.apps) ? detectApp(collectEvidence(sources), options.apps) : undefined;
  const definition = detected?.definition;
  const app = detected?.app;

  // An outline drops the values: concerns that give nothing else are skipped, the others skip what only builds values.
  const outline = builder === DISCARD;
  const tasks: PlanTask[] = [];
  const warnings: string[] = [];
  const take = (c: Contribution) => {
    builder.apply(c.values);
    if (c.tasks) for (const t of c.tasks) tasks.push(t);
    if (c.warnings) for (const w of c.warnings) warnings.push(w);
  };

  const cls = classifyWorkload(sources, definition, decision);
  builder.set('kubelift.workloadId', workload.id, byDefault('the assessed workload this release was generated from'));
  builder.set('kubelift.haClass', CHART_HA_CLASS[cls.class], cls.provenance);
  builder.set('workload.kind', cls.kind, cls.kindProvenance);
  tasks.push(...cls.tasks);

  const front = findFront(sources);
  warnings.push(...front.warnings);
  const ports = planPorts(sources, front, definition);
  const replicas = planReplicas(sources, cls, decision);
  take(replicas.contribution);
  const autoscaling = planAutoscaling(sources, cls, replicas.replicas, decision);
  const minPods = autoscaling.enabled ? (autoscaling.minReplicas ?? replicas.replicas) : replicas.replicas;
  if (autoscaling.enabled && minPods !== replicas.replicas) {
    builder.set('replicaCount', minPods, { source: 'default', reason: 'not rendered while autoscaling.enabled (the HPA owns the replica count); kept equal to autoscaling.minReplicas' });
  }

  if (!outline) take(planRollout(sources, cls.class, cls.kind, minPods));
  take(planImage(sources, app, decision));
  take(ports.contribution);
  take(planServiceAccount(sources, outline));
  take(planLabels(sources, outline));
  const exposure = decideExposure(sources, front, ports);
  take(exposure.contribution);
  const shutdown = planShutdown(sources, front, exposure);
  const probes = planProbes(sources, front, ports, definition, outline);
  take(planService(front, ports, shutdown, exposure, outline));
  const ingressClass = decision?.ingressClass
    ? { value: decision.ingressClass, provenance: byDecision(`plan.yaml sets ingress class ${decision.ingressClass}`) }
    : defaults?.ingressClass
      ? { value: defaults.ingressClass, provenance: byDecision(`plan.yaml defaults.ingressClass is ${defaults.ingressClass}`) }
      : { value: 'alb', provenance: byDefault('the AWS Load Balancer Controller\'s IngressClass') };
  take(planIngress(sources, front, ports, shutdown, exposure, ingressClass, probes.readiness, outline));
  // With an HPA, pods are sized for the load at today's instance count: the HPA adds pods as load grows.
  const serving = servingCount(sources);
  const sizing = autoscaling.enabled ? Math.max(minPods, serving) : minPods;
  const zoneCount = sources.asg && Array.isArray(sources.asg.data.AvailabilityZones) ? new Set(sources.asg.data.AvailabilityZones).size : workload.zones.length;
  take(planResources(sources, { instances: serving, replicas: sizing, zones: cls.class === 'singleton' ? 1 : Math.min(sizing, Math.max(2, zoneCount)) }, outline));
  take(probes.contribution);
  take(shutdown.contribution);
  take(autoscaling.contribution);
  if (!outline) take(planDisruption(cls.class));
  take(planSpread(sources, cls.class, cls.kind, minPods, outline));
  const storage = planStorage(sources, cls.class, cls.kind, definition);
  take(storage.contribution);
  take(planNetworkPolicy(sources, front, ports, outline));

  if (app && definition) {
    // A singleton keeps its state on its own volume (the storage tasks); replicas need it moved out.
    if (definition.bundledState.length > 0 && cls.class !== 'singleton') {
      tasks.push({
        id: 'bundled-state',
        kind: 'state',
        title: `Move ${app.name}'s state off the box before adding replicas`,
        detail: `An all-in-one ${app.name} install keeps ${definition.bundledState.join(' and ')} on the instance. Replicas of that box would each have their own copy, so move ${definition.bundledState.length === 1 ? 'it' : 'them'} to ${definition.remedy ?? 'a managed service (Amazon RDS, ElastiCache)'} first and point the application at ${definition.bundledState.length === 1 ? 'it' : 'them'} (a Secret referenced in secret.existingSecret).`,
        blocking: true,
      });
    }
    tasks.push({
      id: 'upstream-chart',
      kind: 'app',
      title: `Consider the upstream ${app.name} chart`,
      detail: `${app.chart.name} from ${app.chart.repository}${app.chart.version ? ` (${app.chart.version})` : ''} with ${JSON.stringify(app.haValues)} for high availability.${definition.notes.length > 0 ? ` ${definition.notes.join(' ')}` : ''} The generic values are written either way.`,
      blocking: false,
    });
    builder.set(['commonAnnotations', 'kubelift/app'], app.id, fromCatalog(app.id, `recognised from: ${app.evidence.join('; ')}`));
  }
  if (decision?.note) builder.set(['commonAnnotations', 'kubelift/decision-note'], decision.note, byDecision('the note recorded with the decision'));

  const tasksById = new Map<string, PlanTask>();
  for (const t of tasks) tasksById.set(t.id, t);
  const uniqueTasks = sortInPlace([...tasksById.values()], byTaskOrder);
  const uniqueWarnings = [...new Set(warnings)];

  return {
    workloadId: workload.id,
    workloadName: workload.name,
    kind: cls.kind,
    class: cls.class,
    replicas: minPods,
    autoscaling: autoscaling.enabled ? { enabled: true, minReplicas: autoscaling.minReplicas, maxReplicas: autoscaling.maxReplicas } : { enabled: false },
    todo: uniqueTasks.map((t) => `${t.title}. ${t.detail}`),
    ...(app ? { app } : {}),
    tasks: uniqueTasks,
    warnings: uniqueWarnings,
    ...(findings ? { sources: sourcesOf(sources) } : {}),
    storageClasses: storage.storageClasses,
    ...(findings ? { findingIds: sortStrings(findings.map((f) => f.id)), spofToday: findings.some((f) => f.spof) } : {}),
    decided: decision !== undefined,
  };
}
