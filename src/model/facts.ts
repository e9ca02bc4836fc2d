/**
 * Derived facts: what rules read as `facts.x` (and `workload.x`). Every fact
 * is declared with a one-line description and the services it reads, so the
 * rule loader can reject unknown names, the evaluator can answer `unknown`
 * when one of those services was not collected, and docs/facts.md lists them.
 *
 * Facts are plain JSON values (strings, numbers, booleans, lists, maps), the
 * only kind CEL evaluates, derived on first use and then cached.
 */
import { RESOURCE_TYPES, SERVICES, type InstanceTypeInfo, type ResourceType, type Service, type Snapshot } from '../snapshot/types.js';
import { ByRegion } from './by-region.js';
import type { Graph, Node } from './graph.js';
import { COMMON_FACTS, type CoverageStatus, type FactContext, type FactDeriver, type FactTable } from './facts/context.js';
import { autoScalingGroupFacts } from './facts/auto-scaling-group.js';
import { classicLoadBalancerFacts } from './facts/classic-load-balancer.js';
import { instanceFacts } from './facts/instance.js';
import { listenerFacts, listenerRuleFacts, loadBalancerFacts } from './facts/load-balancer.js';
import { supportingFacts } from './facts/supporting.js';
import { targetGroupFacts } from './facts/target-group.js';
import { WORKLOAD_FACTS, deriveWorkloadFacts } from './facts/workload.js';
import type { Facts } from './types.js';
import type { GroupedWorkload } from './workloads.js';

export type { CoverageStatus, FactDeclaration, FactTable } from './facts/context.js';

const DERIVERS: readonly FactDeriver[] = [
  instanceFacts,
  autoScalingGroupFacts,
  targetGroupFacts,
  loadBalancerFacts,
  listenerFacts,
  listenerRuleFacts,
  classicLoadBalancerFacts,
  ...supportingFacts,
];

const DERIVER_OF = new Map<ResourceType, FactDeriver>(DERIVERS.map((d) => [d.type, d]));

/** Every fact with its declaration, per resource type and for workloads. */
export const FACT_DECLARATIONS: Record<ResourceType | 'workload', FactTable> = Object.fromEntries([
  ...RESOURCE_TYPES.map((type) => [type, { ...COMMON_FACTS, ...(DERIVER_OF.get(type)?.facts ?? {}) }]),
  ['workload', WORKLOAD_FACTS],
]) as Record<ResourceType | 'workload', FactTable>;

/** The fact names per resource type (and `workload`), each with its one-line description. */
export const FACTS: Record<ResourceType | 'workload', Record<string, string>> = Object.fromEntries(
  Object.entries(FACT_DECLARATIONS).map(([type, table]) => [type, Object.fromEntries(Object.entries(table).map(([name, d]) => [name, d.description]))]),
) as Record<ResourceType | 'workload', Record<string, string>>;

/** The services each fact reads: when one has a coverage error where the resource lives, a rule reading the fact is `unknown`. */
export const FACT_SERVICES: Record<ResourceType | 'workload', Record<string, readonly Service[]>> = Object.fromEntries(
  Object.entries(FACT_DECLARATIONS).map(([type, table]) => [type, Object.fromEntries(Object.entries(table).map(([name, d]) => [name, d.services]))]),
) as Record<ResourceType | 'workload', Record<string, readonly Service[]>>;

/** Derives facts on demand and caches them. */
export interface FactStore {
  facts(node: Node): Facts;
  workloadFacts(workload: GroupedWorkload): Facts;
}

/** Memoized values of one type's nodes, indexed by `node.index - first`. */
interface MemoTable {
  first: number;
  values: unknown[];
}

const memoTable = (nodes: readonly Node[]): MemoTable => ({ first: nodes[0]?.index ?? 0, values: new Array(nodes.length) });

/** Creates the fact store of a resolved estate. */
export function createFactStore(graph: Graph, snapshot: Snapshot, workloadIdsOf: (node: Node) => readonly string[]): FactStore {
  const coverage = new ByRegion<Record<Service, CoverageStatus>>();
  for (const record of snapshot.coverage) {
    const entry = coverage.get(record.accountId, record.region) ?? (Object.fromEntries(SERVICES.map((s) => [s, 'not-collected'])) as Record<Service, CoverageStatus>);
    // A service recorded twice (several collection passes) is only ok when every pass was.
    if (entry[record.service] !== 'error') entry[record.service] = record.status;
    coverage.set(record.accountId, record.region, entry);
  }
  // One frozen object per account and region, shared by every resource there.
  for (const entry of coverage.values()) Object.freeze(entry);
  const notCollected = Object.freeze(Object.fromEntries(SERVICES.map((s) => [s, 'not-collected'])) as Record<Service, CoverageStatus>);
  const instanceTypes = new Map<string, Map<string, InstanceTypeInfo>>();
  for (const info of snapshot.instanceTypes) {
    const inRegion = instanceTypes.get(info.region) ?? new Map<string, InstanceTypeInfo>();
    inRegion.set(info.InstanceType, info);
    instanceTypes.set(info.region, inRegion);
  }
  const time = Date.parse(snapshot.generatedAt);

  // Caches are arrays indexed by node: no key strings to build or hash per resource.
  const resourceCache: (Facts | undefined)[] = new Array(graph.size);
  // Memoized values per name, then per type, indexed from the type's first node: each name
  // serves a type or two of a few thousand nodes, and a table for every node would be
  // megabytes per name at 100k instances.
  const memo = new Map<string, Map<ResourceType, MemoTable>>();
  const singletons = new Map<string, readonly string[]>();
  const context: FactContext = {
    graph,
    snapshotTime: Number.isFinite(time) ? time : undefined,
    coverage: (accountId, region) => coverage.get(accountId, region) ?? notCollected,
    instanceType: (region, type) => instanceTypes.get(region)?.get(type),
    workloadIdsOf,
    factsOf: (node) => facts(node),
    listOfOne(value) {
      let list = singletons.get(value);
      if (!list) singletons.set(value, (list = Object.freeze([value])));
      return list;
    },
    memo<T>(node: Node, name: string, compute: (context: FactContext, node: Node) => T): T {
      let tables = memo.get(name);
      if (!tables) memo.set(name, (tables = new Map()));
      let table = tables.get(node.ref.type);
      if (!table) tables.set(node.ref.type, (table = memoTable(graph.nodes(node.ref.type))));
      // Memoized values are never undefined, so a hole means "not computed yet".
      const at = node.index - table.first;
      const hit = table.values[at];
      if (hit !== undefined) return hit as T;
      const value = compute(context, node);
      table.values[at] = value;
      return value;
    },
  };

  function facts(node: Node): Facts {
    const cached = resourceCache[node.index];
    if (cached) return cached;
    // Unless the deriver builds them into its own literal (includesCommonFacts), the common facts
    // are added to its fresh object, after its facts: copying
    // those onto a literal of four fields grows its property store a few fields at a time,
    // ~1 KB of garbage for each of 100k instances.
    const deriver = DERIVER_OF.get(node.ref.type);
    const derived: Facts = deriver?.derive(node, context) ?? {};
    if (deriver?.includesCommonFacts !== true) {
      derived.name = node.ref.name;
      derived.tags = node.tags;
      derived.coverage = context.coverage(node.ref.accountId, node.ref.region);
      derived.workloads = workloadIdsOf(node);
    }
    resourceCache[node.index] = derived;
    return derived;
  }

  // Keyed by the workload's object, which the resolver hands out once per workload: no id string to hash.
  const workloadCache = new Map<GroupedWorkload, Facts>();
  return {
    facts,
    workloadFacts(grouped) {
      const cached = workloadCache.get(grouped);
      if (cached) return cached;
      const derived = deriveWorkloadFacts(grouped, context);
      workloadCache.set(grouped, derived);
      return derived;
    },
  };
}
