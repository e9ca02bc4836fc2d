/**
 * A hand-made Model for engine tests: the facts and workloads are given
 * directly, so the evaluator is tested apart from the resolver.
 */
import { refKey, type Facts, type Model, type ResourceRef, type Workload } from '../../../src/model/types.js';
import { resourceId, resourceName, type AwsResource, type CoverageRecord, type ResourceType, type Snapshot } from '../../../src/snapshot/types.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export function snapshotOf(resources: Partial<Record<ResourceType, Partial<AwsResource>[]>>, coverage: CoverageRecord[] = []): Snapshot {
  const filled: Snapshot['resources'] = {};
  for (const [type, list] of Object.entries(resources) as [ResourceType, Partial<AwsResource>[]][]) {
    filled[type] = list.map((r) => ({ accountId: ACCOUNT, region: REGION, ...r }) as AwsResource);
  }
  return {
    schemaVersion: 1,
    tool: { name: 'kubelift', version: '0.0.0-test' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    source: { kind: 'scan', accounts: [ACCOUNT], regions: [REGION], includesUserData: false },
    coverage,
    resources: filled,
    instanceTypes: [],
    availabilityZones: [],
  };
}

export function refTo(snapshot: Snapshot, type: ResourceType, id: string): ResourceRef {
  const resource = (snapshot.resources[type] ?? []).find((r) => resourceId(type, r) === id);
  if (!resource) throw new Error(`no ${type} ${id} in the test snapshot`);
  return { type, id, accountId: resource.accountId, region: resource.region, name: resourceName(type, resource) };
}

export interface TinyWorkload {
  id: string;
  members: ResourceRef[];
  asg?: ResourceRef;
  facts?: Facts;
}

/** A Model over a snapshot with given facts (keyed by resource id) and workloads. */
export function tinyModel(snapshot: Snapshot, facts: Record<string, Facts> = {}, workloads: TinyWorkload[] = []): Model & { factCalls: number } {
  const built: Workload[] = workloads.map((w) => {
    const instances = w.members.filter((m) => m.type === 'AWS::EC2::Instance');
    return {
      id: w.id,
      name: w.id,
      origin: w.asg ? 'auto-scaling-group' : instances.length > 1 ? 'instance-group' : 'standalone-instance',
      accountId: ACCOUNT,
      region: REGION,
      resources: [...(w.asg ? [w.asg] : []), ...w.members],
      ...(w.asg ? { autoScalingGroup: w.asg } : {}),
      instances,
      runningInstances: instances,
      targetGroups: w.members.filter((m) => m.type === 'AWS::ElasticLoadBalancingV2::TargetGroup'),
      loadBalancers: w.members.filter((m) => m.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' || m.type === 'AWS::ElasticLoadBalancing::LoadBalancer'),
      zones: [],
    };
  });
  const owners = new Map<string, Workload[]>();
  for (const w of built) for (const r of w.resources) owners.set(refKey(r), [...(owners.get(refKey(r)) ?? []), w]);
  const workloadFacts = new Map(workloads.map((w) => [w.id, w.facts ?? {}]));
  const model = {
    snapshot,
    workloads: built,
    factCalls: 0,
    resource: (ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>) => (snapshot.resources[ref.type] ?? []).find((r) => resourceId(ref.type, r) === ref.id),
    facts(ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>): Facts {
      model.factCalls++;
      return facts[ref.id] ?? {};
    },
    workloadFacts: (id: string) => workloadFacts.get(id) ?? {},
    workloadOf: (ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>) => owners.get(refKey(ref))?.[0],
    workloadsOf: (ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>) => [...(owners.get(refKey(ref)) ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1)),
    related: () => [],
  };
  return model;
}
