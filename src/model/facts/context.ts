/**
 * What every fact module shares: how a fact is declared (a one-line
 * description and the services whose data it reads) and the context facts are
 * derived in.
 */
import type { AwsResource, InstanceTypeInfo, ResourceType, Service } from '../../snapshot/types.js';
import type { Graph, Node } from '../graph.js';
import { sortStrings } from '../sort.js';
import type { Facts } from '../types.js';

/** One declared fact. */
export interface FactDeclaration {
  description: string;
  /** The services whose data the fact reads; a coverage error in one of them makes the fact unreliable. */
  services: readonly Service[];
}

export type FactTable = Record<string, FactDeclaration>;

/** Declares a fact: `fact('zones', 'Zones the group is configured for', 'autoscaling', 'ec2')`. */
export function fact(description: string, ...services: Service[]): FactDeclaration {
  return { description, services };
}

/** How a service's collection went in an account and region. */
export type CoverageStatus = 'ok' | 'error' | 'not-collected';

/** What a fact deriver may read besides its own resource. */
export interface FactContext {
  graph: Graph;
  /** The snapshot's time in ms since the epoch (ages are measured against it, never the clock). */
  snapshotTime: number | undefined;
  /** Coverage per service where a resource lives (a shared, frozen object). */
  coverage(accountId: string, region: string): Readonly<Record<Service, CoverageStatus>>;
  instanceType(region: string, instanceType: string): InstanceTypeInfo | undefined;
  /** Ids of the workloads a resource belongs to, sorted. */
  workloadIdsOf(node: Node): readonly string[];
  /** Facts of another resource (derived once, then cached). */
  factsOf(node: Node): Facts;
  /** The one frozen list holding just `value`, shared by every resource whose list fact is that list. */
  listOfOne(value: string): readonly string[];
  /** Caches a computation per resource and name, for summaries several fact sets share. */
  memo<T>(node: Node, name: string, compute: (context: FactContext, node: Node) => T): T;
}

/** A fact set for one resource type: its declarations and how to derive them. */
export interface FactDeriver {
  type: ResourceType;
  facts: FactTable;
  derive(node: Node, context: FactContext): Facts;
  /** True when `derive` ends its facts with the common ones (COMMON_FACTS, in that order) itself, in one object literal. */
  includesCommonFacts?: boolean;
}

/** Facts every resource has. */
export const COMMON_FACTS: FactTable = {
  name: fact('The Name tag, or the AWS name, or the id, for people.'),
  tags: fact('Tags as a map from key to value (`facts.tags["team"]`).'),
  coverage: fact('Per service (`ec2`, `elbv2`, `elb`, `autoscaling`): `ok`, `error` or `not-collected` in the resource’s account and region.'),
  workloads: fact('Ids of the workloads the resource belongs to (shared load balancers serve several).'),
};

/**
 * The one empty list every empty list fact shares: facts are read-only, and a
 * large estate has hundreds of thousands of empty lists (no volumes, no EIPs…).
 */
export const NO_STRINGS: readonly string[] = Object.freeze([]);

/** A list fact: the shared empty list when there is nothing. */
export function listOf(values: readonly string[]): readonly string[] {
  return values.length === 0 ? NO_STRINGS : values;
}

/** Sorted unique non-empty strings. Given the context, a list of one value is that value's shared list (`listOfOne`). */
export function sortedUnique(values: readonly (string | undefined)[], context?: FactContext): readonly string[] {
  if (values.length === 0) return NO_STRINGS;
  const all: string[] = [];
  // Indexed: for-of steps allocate until the loop is optimized.
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string' && v !== '') all.push(v);
  }
  if (all.length < 2) return all.length === 0 ? NO_STRINGS : context ? context.listOfOne(all[0]!) : [all[0]!];
  sortStrings(all);
  // Equal strings are neighbours once sorted: keep the first of each run.
  let w = 1;
  for (let r = 1; r < all.length; r++) if (all[r] !== all[w - 1]) all[w++] = all[r]!;
  // A copy of exactly the right length: facts keep these lists for the whole run, a grown array keeps its spare room.
  return all.slice(0, w);
}

/** The zone name of a resource placed in one zone (instances, subnets, volumes). */
export function zoneOf(resource: AwsResource): string | undefined {
  const placement = resource.Placement as { AvailabilityZone?: unknown } | undefined;
  const zone = placement?.AvailabilityZone ?? resource.AvailabilityZone;
  return typeof zone === 'string' && zone !== '' ? zone : undefined;
}

/** Zone ids of zone names, in the same order, dropping names with no known id. */
export function zoneIdsOf(context: FactContext, node: Node, zones: readonly string[]): readonly string[] {
  return sortedUnique(zones.map((z) => context.graph.zoneId(node.ref.accountId, node.ref.region, z)));
}

/**
 * Names of nodes, sorted. Given the context, the list of one node's name is
 * made once and shared (frozen) by every resource behind that node: 100k
 * instances behind a few thousand target groups keep a few thousand lists.
 */
export function namesOf(nodes: readonly Node[], context?: FactContext): readonly string[] {
  // Most resources have no or one balancer, group or target group in front.
  if (nodes.length === 0) return NO_STRINGS;
  if (nodes.length === 1) {
    const only = nodes[0]!;
    if (only.ref.name === '') return NO_STRINGS;
    return context ? context.memo(only, 'nameList', nameList) : [only.ref.name];
  }
  return sortedUnique(nodes.map((n) => n.ref.name));
}

const nameList = (_context: FactContext, node: Node): readonly string[] => Object.freeze([node.ref.name]);

/** Appends every value of a list: a loop, where a spread walks the list with an iterator. */
export function pushAll<T>(target: T[], values: readonly T[]): void {
  for (let i = 0; i < values.length; i++) target.push(values[i]!);
}

/** Counts per key as a plain object with sorted keys. */
export function countBy(values: readonly string[], keys: readonly string[] = NO_STRINGS): Record<string, number> {
  // Indexed loops and a plain sort of the few keys: called for every group, balancer and workload.
  const counts = new Map<string, number>();
  for (let k = 0; k < keys.length; k++) counts.set(keys[k]!, 0);
  for (let v = 0; v < values.length; v++) counts.set(values[v]!, (counts.get(values[v]!) ?? 0) + 1);
  const sorted: string[] = [];
  counts.forEach((_, key) => sorted.push(key));
  sortStrings(sorted);
  const out: Record<string, number> = {};
  for (let k = 0; k < sorted.length; k++) out[sorted[k]!] = counts.get(sorted[k]!)!;
  return out;
}
