/**
 * A small typed estate for the wizard's tests: three workloads (a SPOF
 * behind an ALB in one zone, a standalone singleton, a healthy three-zone
 * web tier), a coverage gap, and simple services that plan, render values
 * and score readiness the way the real pipeline's contracts say they do.
 */
import { stringify } from 'yaml';
import type { KubernetesPlan, MappingOptions, Provenance } from '../../src/mapping/types.js';
import { mapWorkload } from '../../src/mapping/map-workload.js';
import { resolve } from '../../src/model/resolve.js';
import { refKey, type Model, type ResourceRef, type Workload } from '../../src/model/types.js';
import type { PlanFile, WorkloadDecision } from '../../src/plan/types.js';
import type { Finding, Severity } from '../../src/rules/types.js';
import type { AwsResource, ResourceType, Snapshot } from '../../src/snapshot/types.js';
import { prepareWizardData, type Readiness, type WizardData, type WizardInput, type WizardIo, type WizardServices } from '../../src/ui/data.js';

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';

function ref(type: ResourceType, id: string, name = id, arn?: string): ResourceRef {
  return arn ? { type, id, accountId: ACCOUNT, region: REGION, name, arn } : { type, id, accountId: ACCOUNT, region: REGION, name };
}

const ALB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/shop/1';
const TG_CHECKOUT = 'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/checkout/1';
const TG_WEB = 'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/web/2';

function instance(id: string, zone: string, state = 'running', name?: string, dataVolume?: string): AwsResource {
  return {
    accountId: ACCOUNT,
    region: REGION,
    InstanceId: id,
    InstanceType: 'm5.large',
    State: { Name: state },
    Placement: { AvailabilityZone: zone },
    ...(name ? { Tags: [{ Key: 'Name', Value: name }] } : {}),
    ...(dataVolume
      ? { RootDeviceName: '/dev/xvda', BlockDeviceMappings: [{ DeviceName: '/dev/xvdf', Ebs: { VolumeId: dataVolume, DeleteOnTermination: false } }] }
      : {}),
  };
}

export function fixtureSnapshot(): Snapshot {
  const r = (fields: Record<string, unknown>): AwsResource => ({ accountId: ACCOUNT, region: REGION, ...fields });
  return {
    schemaVersion: 1,
    tool: { name: 'kubelift', version: '0.1.0' },
    generatedAt: '2026-01-15T09:00:00.000Z',
    source: { kind: 'scan', accounts: [ACCOUNT], regions: [REGION], includesUserData: false },
    coverage: [
      { accountId: ACCOUNT, region: REGION, service: 'ec2', status: 'ok' },
      { accountId: ACCOUNT, region: REGION, service: 'elb', status: 'error', errorCode: 'AccessDenied', error: 'not authorized to perform elasticloadbalancing:DescribeLoadBalancers' },
    ],
    resources: {
      'AWS::EC2::Instance': [
        instance('i-0a1', 'us-east-1a'),
        instance('i-0r1', 'us-east-1b', 'running', 'reports', 'vol-0d1'),
        instance('i-0w1', 'us-east-1a'),
        instance('i-0w2', 'us-east-1b'),
        instance('i-0w3', 'us-east-1c'),
      ],
      'AWS::EC2::Volume': [r({ VolumeId: 'vol-0d1', Size: 100, VolumeType: 'gp3', AvailabilityZone: 'us-east-1b', Attachments: [{ InstanceId: 'i-0r1', Device: '/dev/xvdf', DeleteOnTermination: false }] })],
      'AWS::AutoScaling::AutoScalingGroup': [
        r({ AutoScalingGroupName: 'checkout-asg', DesiredCapacity: 1, MinSize: 1, MaxSize: 2, AvailabilityZones: ['us-east-1a'], HealthCheckType: 'EC2', HealthCheckGracePeriod: 300, Instances: [{ InstanceId: 'i-0a1', HealthStatus: 'Healthy' }] }),
        r({ AutoScalingGroupName: 'web-asg', DesiredCapacity: 3, MinSize: 2, MaxSize: 6, AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], HealthCheckType: 'ELB', HealthCheckGracePeriod: 120 }),
      ],
      'AWS::ElasticLoadBalancingV2::LoadBalancer': [
        r({ LoadBalancerArn: ALB_ARN, LoadBalancerName: 'shop', Type: 'application', Scheme: 'internet-facing', AvailabilityZones: [{ ZoneName: 'us-east-1a' }, { ZoneName: 'us-east-1b' }] }),
      ],
      'AWS::ElasticLoadBalancingV2::TargetGroup': [
        r({ TargetGroupArn: TG_CHECKOUT, TargetGroupName: 'checkout', Protocol: 'HTTP', Port: 8080, HealthCheckProtocol: 'HTTP', HealthCheckPath: '/health', LoadBalancerArns: [ALB_ARN], TargetHealthDescriptions: [{ Target: { Id: 'i-0a1' }, TargetHealth: { State: 'healthy' } }] }),
        r({
          TargetGroupArn: TG_WEB,
          TargetGroupName: 'web',
          Protocol: 'HTTP',
          Port: 80,
          HealthCheckPath: '/',
          LoadBalancerArns: [ALB_ARN],
          TargetHealthDescriptions: [
            { Target: { Id: 'i-0w1' }, TargetHealth: { State: 'healthy' } },
            { Target: { Id: 'i-0w2' }, TargetHealth: { State: 'healthy' } },
            { Target: { Id: 'i-0w3' }, TargetHealth: { State: 'unhealthy' } },
          ],
        }),
      ],
    },
    instanceTypes: [],
    availabilityZones: [],
  };
}

function workload(id: string, fields: Partial<Workload> & Pick<Workload, 'origin'>): Workload {
  const base: Workload = {
    id,
    name: id,
    origin: fields.origin,
    accountId: ACCOUNT,
    region: REGION,
    resources: [],
    instances: [],
    runningInstances: [],
    targetGroups: [],
    loadBalancers: [],
    zones: [],
  };
  const w = { ...base, ...fields };
  w.resources = [...(w.autoScalingGroup ? [w.autoScalingGroup] : []), ...w.instances, ...w.targetGroups, ...w.loadBalancers];
  return w;
}

/** A model over the snapshot, built by hand as the resolver would. */
export function fixtureModel(snapshot: Snapshot = fixtureSnapshot(), workloads: Workload[] = fixtureWorkloads()): Model {
  const index = new Map<string, AwsResource>();
  for (const [type, list] of Object.entries(snapshot.resources)) {
    for (const resource of list ?? []) {
      const id = String(resource.InstanceId ?? resource.VolumeId ?? resource.AutoScalingGroupName ?? resource.LoadBalancerArn ?? resource.TargetGroupArn ?? resource.LoadBalancerName);
      index.set(refKey({ type: type as ResourceType, id, accountId: resource.accountId, region: resource.region }), resource);
    }
  }
  const owner = new Map<string, Workload>();
  for (const w of workloads) for (const r of w.resources) owner.set(refKey(r), w);
  return {
    snapshot,
    workloads,
    resource: (r) => index.get(refKey(r)),
    facts: () => ({}),
    workloadFacts: () => ({}),
    workloadOf: (r) => owner.get(refKey(r)),
    workloadsOf: (r) => workloads.filter((w) => w.resources.some((x) => refKey(x) === refKey(r))),
    related: () => [],
  };
}

export function fixtureWorkloads(): Workload[] {
  const alb = ref('AWS::ElasticLoadBalancingV2::LoadBalancer', ALB_ARN, 'shop', ALB_ARN);
  const i = (id: string, name?: string): ResourceRef => ref('AWS::EC2::Instance', id, name ?? id);
  return [
    workload('checkout-api', {
      origin: 'auto-scaling-group',
      autoScalingGroup: ref('AWS::AutoScaling::AutoScalingGroup', 'checkout-asg'),
      instances: [i('i-0a1')],
      runningInstances: [i('i-0a1')],
      targetGroups: [ref('AWS::ElasticLoadBalancingV2::TargetGroup', TG_CHECKOUT, 'checkout', TG_CHECKOUT)],
      loadBalancers: [alb],
      zones: ['us-east-1a'],
    }),
    workload('reports-worker', { origin: 'standalone-instance', name: 'reports', instances: [i('i-0r1', 'reports')], runningInstances: [i('i-0r1', 'reports')], zones: ['us-east-1b'] }),
    workload('web-frontend', {
      origin: 'auto-scaling-group',
      autoScalingGroup: ref('AWS::AutoScaling::AutoScalingGroup', 'web-asg'),
      instances: [i('i-0w1'), i('i-0w2'), i('i-0w3')],
      runningInstances: [i('i-0w1'), i('i-0w2'), i('i-0w3')],
      targetGroups: [ref('AWS::ElasticLoadBalancingV2::TargetGroup', TG_WEB, 'web', TG_WEB)],
      loadBalancers: [alb],
      zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    }),
  ];
}

function finding(workloadId: string, ruleId: string, severity: Severity, spof: boolean, resource: ResourceRef, message: string): Finding {
  return {
    id: `${ruleId}:${resource.id}`,
    ruleId,
    title: `${ruleId.replace(/-/g, ' ')}`,
    severity,
    spof,
    resource,
    workloadId,
    message,
    kubernetes: { equivalent: spof ? 'replicas >= 2 with topologySpreadConstraints over zones' : 'readinessProbe', remediation: 'set by the exported values' },
    remediation: 'spread the group over at least two zones',
  };
}

export function fixtureFindings(): Finding[] {
  const [checkout, reports, web] = fixtureWorkloads();
  return [
    finding('checkout-api', 'asg-single-az', 'high', true, checkout!.autoScalingGroup!, 'Auto Scaling group checkout-asg runs only in us-east-1a'),
    finding('checkout-api', 'target-group-single-healthy-target', 'high', true, checkout!.targetGroups[0]!, 'Target group checkout has 1 healthy target'),
    finding('reports-worker', 'instance-standalone', 'medium', true, reports!.instances[0]!, 'Instance i-0r1 runs alone, outside any Auto Scaling group'),
    finding('web-frontend', 'target-group-unhealthy-target', 'low', false, web!.targetGroups[0]!, 'Target group web has 1 unhealthy target of 3'),
  ];
}

const aws = (resource: ResourceRef, field: string, reason: string): Provenance => ({ source: 'aws', resource, field, reason });

/**
 * Plans the way the mapping does, in miniature: values for the chart and a
 * provenance per path; a decision applied on top, with the mapping's own
 * limits (fewer than two replicas makes a singleton, a singleton runs one pod
 * and never autoscales, the HPA minimum is at least 2 and its maximum above it).
 */
export function fixturePlan(w: Workload, findings: Finding[], decision: WorkloadDecision | undefined, defaults?: PlanFile['defaults']): KubernetesPlan {
  const byDecision = (reason: string): Provenance => ({ source: 'decision', reason });
  const standalone = w.origin === 'standalone-instance';
  const klass = decision?.class ?? (decision?.replicas !== undefined && decision.replicas < 2 ? 'singleton' : standalone ? 'singleton' : 'replicable');
  const singleton = klass === 'singleton';
  const desired = w.autoScalingGroup ? w.runningInstances.length : 1;
  const provenance: Record<string, Provenance> = {
    'workload.kind': decision?.kind ? byDecision(`plan.yaml sets kind ${decision.kind}`) : { source: 'default', reason: 'No per-instance data volume, so pods are interchangeable: a Deployment.' },
    'kubelift.haClass': decision?.class ? byDecision(`plan.yaml sets class ${decision.class}`) : { source: 'default', reason: standalone ? 'The instance keeps its data on an EBS volume.' : 'Instances of a group are interchangeable.' },
    'autoscaling.enabled': { source: 'default', reason: 'Scaling policies were not found: the HPA starts off.' },
    'image.repository': decision?.image ? byDecision('plan.yaml names the image') : { source: 'default', reason: 'Build an image of the application and push it here.' },
    'ingress.className': decision?.ingressClass ? byDecision(`plan.yaml sets ingress class ${decision.ingressClass}`) : { source: 'default', reason: 'The AWS Load Balancer Controller serves ALB ingresses.' },
  };
  let replicas: number;
  if (singleton) {
    replicas = 1;
    provenance.replicaCount = { source: 'default', reason: 'a singleton runs exactly one pod' };
  } else if (decision?.replicas !== undefined) {
    replicas = decision.replicas;
    provenance.replicaCount = byDecision(`plan.yaml asks for ${decision.replicas} replicas`);
  } else {
    replicas = Math.max(2, desired);
    provenance.replicaCount = w.autoScalingGroup
      ? aws(w.autoScalingGroup, 'DesiredCapacity', `max(2, DesiredCapacity=${desired}): one pod or node can fail without an outage.`)
      : { source: 'default', reason: 'Two replicas by default.' };
  }
  let scaling: KubernetesPlan['autoscaling'] = { enabled: false };
  if (!singleton && decision?.autoscaling?.enabled) {
    const min = Math.max(2, decision.autoscaling.minReplicas ?? replicas);
    const max = Math.max(min + 1, decision.autoscaling.maxReplicas ?? min * 3);
    scaling = { enabled: true, minReplicas: min, maxReplicas: max };
    provenance['autoscaling.enabled'] = byDecision('plan.yaml turns autoscaling on');
    provenance['autoscaling.minReplicas'] = byDecision('plan.yaml sets minReplicas (at least 2)');
    provenance['autoscaling.maxReplicas'] = byDecision('plan.yaml sets maxReplicas (above minReplicas)');
  }
  if (w.targetGroups[0]) provenance['readinessProbe.httpGet.path'] = aws(w.targetGroups[0], 'HealthCheckPath', 'The target group health check becomes the readiness probe.');
  const kind = decision?.kind ?? (singleton && standalone ? 'StatefulSet' : 'Deployment');
  const values: Record<string, unknown> = {
    kubelift: { workloadId: w.id, haClass: klass, findings: findings.map((f) => f.id) },
    workload: { kind },
    replicaCount: scaling.enabled ? scaling.minReplicas : replicas,
    autoscaling: scaling.enabled ? { enabled: true, minReplicas: scaling.minReplicas, maxReplicas: scaling.maxReplicas } : { enabled: false },
    image: { repository: decision?.image?.repository ?? 'REPLACE-ME/kubelift-app', tag: decision?.image?.tag ?? 'REPLACE-ME' },
    ingress: { enabled: w.loadBalancers.length > 0, className: decision?.ingressClass || defaults?.ingressClass || 'alb' },
    readinessProbe: { httpGet: { path: w.targetGroups.length > 0 ? '/health' : '/', port: 'http' } },
  };
  return {
    workloadId: w.id,
    workloadName: w.name,
    kind,
    class: klass,
    replicas: scaling.enabled ? (scaling.minReplicas ?? replicas) : replicas,
    autoscaling: scaling,
    values,
    provenance,
    todo: [],
    ...(w.id === 'web-frontend'
      ? { app: { id: 'nginx', name: 'nginx', evidence: ['health check path /'], chart: { repository: 'https://charts.bitnami.com/bitnami', name: 'nginx' }, haValues: {}, traits: { singleton: false, clusterable: true, bundledState: [] }, notes: [] } }
      : {}),
  };
}

/** A readiness score: replicas and SPOF findings weigh most. */
export function fixtureReadiness(_w: Workload, plan: KubernetesPlan, findings: Finding[]): Readiness {
  const spofs = findings.filter((f) => f.spof).length;
  const score = Math.max(0, Math.min(100, 100 - spofs * 25 - (findings.length - spofs) * 10 - (plan.replicas < 2 ? 20 : 0)));
  return { score, label: score >= 80 ? 'ready' : score >= 50 ? 'needs work' : 'blocked', reasons: [] };
}

export function fixtureServices(): WizardServices {
  return {
    planFor: fixturePlan,
    valuesYaml: (plan) => stringify(plan.values, { sortMapEntries: true }),
    readiness: fixtureReadiness,
  };
}

export function fixtureInput(overrides: Partial<WizardInput> = {}): WizardInput {
  const findings = fixtureFindings();
  return {
    model: fixtureModel(),
    findings,
    spofWorkloads: ['checkout-api', 'reports-worker'],
    label: 'fixture estate',
    exportDir: 'kubelift-out',
    ...overrides,
  };
}

export function fixtureData(overrides: Partial<WizardInput> = {}): WizardData {
  return prepareWizardData(fixtureInput(overrides));
}

/** An estate of `n` synthetic workloads (every seventh a SPOF) for list and speed tests. */
export function largeInput(n: number): WizardInput {
  const snapshot = fixtureSnapshot();
  const workloads: Workload[] = [];
  const findings: Finding[] = [];
  for (let k = 0; k < n; k++) {
    const id = `svc-${String(k).padStart(5, '0')}`;
    const inst = ref('AWS::EC2::Instance', `i-${k.toString(16).padStart(8, '0')}`);
    workloads.push(workload(id, { origin: 'standalone-instance', instances: [inst], runningInstances: [inst], zones: ['us-east-1a'] }));
    if (k % 7 === 0) findings.push(finding(id, 'instance-standalone', k % 14 === 0 ? 'high' : 'medium', true, inst, `Instance ${inst.id} runs alone`));
  }
  return { model: fixtureModel(snapshot, workloads), findings, spofWorkloads: findings.map((f) => f.workloadId as string), label: 'large estate', exportDir: 'out' };
}

/** Records what the wizard asked to write; `existing` says which files are already there. */
export function memoryIo(existing: string[] = []): WizardIo & { writes: { dir: string; plan: PlanFile; force: boolean }[] } {
  const writes: { dir: string; plan: PlanFile; force: boolean }[] = [];
  return {
    writes,
    existing: async () => existing,
    write: async (dir, plan, options) => {
      writes.push({ dir, plan, force: options.force });
      return [...Object.keys(plan.workloads).map((id) => `${dir}/${id}/values.yaml`), `${dir}/plan.yaml`, `${dir}/report.json`];
    },
  };
}

/** The fixture snapshot through the real resolver and mapping, for tests of what users meet. */
export function realServices(model: Model, apps: MappingOptions['apps'] = []): WizardServices {
  return {
    planFor: (w, findings, decision, defaults) => mapWorkload(model, w, findings, decision, defaults, { apps }),
    valuesYaml: (plan) => stringify(plan.values, { sortMapEntries: true }),
    readiness: () => undefined,
  };
}

export function realModel(snapshot: Snapshot = fixtureSnapshot()): Model {
  return resolve(snapshot);
}
