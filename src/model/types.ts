/**
 * The resolved estate: resources linked into a graph, facts derived once per
 * resource, and workloads (the unit that gets a Kubernetes plan). Pure data;
 * `resolve(snapshot)` in resolve.ts builds it.
 */
import type { AwsResource, ResourceType, Snapshot } from '../snapshot/types.js';
import type { Relation } from './relationships.js';

export type { Relation } from './relationships.js';

/** A pointer to one resource of the snapshot. */
export interface ResourceRef {
  type: ResourceType;
  id: string;
  accountId: string;
  region: string;
  /** The Name tag or AWS name, for people. */
  name: string;
  arn?: string;
}

/** Where a workload came from. */
export type WorkloadOrigin = 'auto-scaling-group' | 'instance-group' | 'standalone-instance';

/** A set of resources that together serve one application, migrated as one unit. */
export interface Workload {
  /** Stable, readable id derived from names (a DNS-1123 label), unique in the estate. */
  id: string;
  name: string;
  origin: WorkloadOrigin;
  accountId: string;
  region: string;
  /** Every resource that belongs to the workload (ASG, instances, LBs, TGs, volumes, SGs, EIPs…). */
  resources: ResourceRef[];
  /** The group, when origin is auto-scaling-group. */
  autoScalingGroup?: ResourceRef;
  /** All member instances, running or not. */
  instances: ResourceRef[];
  /** Instances that count as replicas: running (or pending) ones only. */
  runningInstances: ResourceRef[];
  targetGroups: ResourceRef[];
  /** ALBs, NLBs and classic ELBs in front of the workload. */
  loadBalancers: ResourceRef[];
  /** Zones (names) where running instances are. */
  zones: string[];
  /**
   * True when the workload keeps state on its instances (data volumes of a
   * standalone instance, volumes kept after termination, a database-like
   * server). Set by `resolve`; `workloadFacts(id).statefulEvidence` says why.
   */
  stateful?: boolean;
}

/**
 * The snapshot data of a workload's members, each list in the order of the
 * workload's list of the same name: what `Model.resource(ref)` gives for each.
 */
export interface WorkloadMembers {
  instances: readonly AwsResource[];
  runningInstances: readonly AwsResource[];
  targetGroups: readonly AwsResource[];
  loadBalancers: readonly AwsResource[];
  autoScalingGroup?: AwsResource;
}

/** Derived facts for one resource, exposed to rules as `facts`. */
export type Facts = Record<string, unknown>;

/** The resolver's output: what rules, mapping, plan, export and the wizard read. */
export interface Model {
  snapshot: Snapshot;
  workloads: Workload[];
  /** Looks a resource up by reference. */
  resource(ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>): AwsResource | undefined;
  /** Facts derived for a resource (empty object when none). */
  facts(ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>): Facts;
  /** Facts derived for a workload. */
  workloadFacts(workloadId: string): Facts;
  /**
   * The workload a resource belongs to, if any. A resource shared by several
   * workloads (a load balancer in front of two groups) gives the first by id;
   * `workloadsOf` gives them all.
   */
  workloadOf(ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>): Workload | undefined;
  /** Every workload a resource belongs to, sorted by id (empty when none). */
  workloadsOf(ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>): Workload[];
  /**
   * Facts of the resource at `position` in `snapshot.resources[type]`: the same as `facts(ref)`,
   * without a lookup by reference, for callers that walk the snapshot's lists.
   */
  factsAt?(type: ResourceType, position: number): Facts;
  /** Workloads of the resource at `position` in `snapshot.resources[type]`, as `workloadsOf` gives them (a shared list: never change it). */
  workloadsAt?(type: ResourceType, position: number): readonly Workload[];
  /**
   * The reference the resolver made for the resource at `position` in `snapshot.resources[type]`
   * (id and name as `resourceId` and `resourceName` give them), for callers that walk the snapshot's
   * lists; undefined for a resource without an id, and for the later copies of a resource listed twice.
   */
  refAt?(type: ResourceType, position: number): ResourceRef | undefined;
  /** The snapshot data of a workload's members, without a lookup per reference (undefined for an unknown id). */
  membersOf?(workloadId: string): WorkloadMembers | undefined;
  /** Resources linked to this one through a relation (docs/facts.md lists them), sorted. */
  related(ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>, relation: Relation, direction?: 'out' | 'in'): ResourceRef[];
}

/** The key under which a resource is indexed. */
export function refKey(ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>): string {
  return `${ref.type}|${ref.accountId}|${ref.region}|${ref.id}`;
}
