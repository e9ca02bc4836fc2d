/**
 * Links the snapshot's resources once: every resource becomes a node, every
 * relationship declared in relationships.ts becomes directed edges. Facts and
 * workloads read the graph; nothing joins resources anywhere else.
 */
import { RESOURCE_TYPES, resourceId, resourceName, resourcesOf, type AwsResource, type ResourceType, type Snapshot } from '../snapshot/types.js';
import { instanceState, isLiveState, privateAddresses, str, tagsOf } from './aws-shapes.js';
import { ByRegion } from './by-region.js';
import { RELATIONSHIPS, type Emit, type Lookup, type Relation } from './relationships.js';
import { refKey, type ResourceRef } from './types.js';

/** One resource in the graph. */
export interface Node {
  /** `refKey(ref)`: the node's name in the string-keyed methods. */
  readonly key: string;
  /** Position in the graph: nodes are numbered by type, then key. */
  index: number;
  ref: ResourceRef;
  resource: AwsResource;
  /** The resource's tags as a map (`tagsOf`), read on first use and kept. */
  readonly tags: Record<string, string>;
}

// The key is derived when read: the resolver works with indices, and a key
// string kept for each of 300k nodes would cost more than the few reads.
class GraphNode implements Node {
  index = -1;
  readonly ref: ResourceRef;
  readonly resource: AwsResource;
  #tags: Record<string, string> | undefined;
  constructor(ref: ResourceRef, resource: AwsResource) {
    this.ref = ref;
    this.resource = resource;
  }
  get key(): string {
    return refKey(this.ref);
  }
  get tags(): Record<string, string> {
    return (this.#tags ??= tagsOf(this.resource));
  }
}

/** A directed edge `from relation to`, with the registration state where the relationship has one. */
export interface Edge {
  from: string;
  relation: Relation;
  to: string;
  state?: string;
}

/** A node, or its key. */
export type NodeOrKey = Node | string;

/** The linked estate. */
export interface Graph {
  node(key: string): Node | undefined;
  /** The node of a resource, found by reference. */
  find(ref: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>): Node | undefined;
  /** How many nodes there are; indices run from 0 to size - 1. */
  size: number;
  /**
   * The node of the resource at `position` in `snapshot.resources[type]` (undefined for a resource
   * without an id): who walks the snapshot's lists reaches nodes without a lookup by id.
   * A resource listed twice gives the node kept for both.
   */
  atPosition(type: ResourceType, position: number): Node | undefined;
  /** Every node of a type, sorted by key. */
  nodes(type: ResourceType): readonly Node[];
  /** Nodes this node points at through `relation` (optionally only of one type), sorted by type, then key. */
  out(from: NodeOrKey, relation: Relation, type?: ResourceType): readonly Node[];
  /** Nodes pointing at this node through `relation` (optionally only of one type), sorted by type, then key. */
  in(to: NodeOrKey, relation: Relation, type?: ResourceType): readonly Node[];
  /** Appends what `out` would return to `target`, without building a list of its own. */
  appendOut(target: Node[], from: Node, relation: Relation, type?: ResourceType): void;
  /** Appends what `in` would return to `target`, without building a list of its own. */
  appendIn(target: Node[], to: Node, relation: Relation, type?: ResourceType): void;
  /** How many nodes `out` would return, without building the list. */
  countOut(from: Node, relation: Relation, type?: ResourceType): number;
  /** How many nodes `in` would return, without building the list. */
  countIn(to: Node, relation: Relation, type?: ResourceType): number;
  /** The edges leaving a node through `relation`. */
  edgesOut(key: string, relation: Relation): readonly Edge[];
  /** The edges reaching a node through `relation`. */
  edgesIn(key: string, relation: Relation): readonly Edge[];
  /** The zone id (`use1-az6`) of a zone name in an account, which differs between accounts. */
  zoneId(accountId: string, region: string, zoneName: string): string | undefined;
  lookup: Lookup;
}

// ARNs AWS returns in the resource itself; kubelift does not invent the others.
const ARN_FIELDS: Partial<Record<ResourceType, string>> = {
  'AWS::AutoScaling::AutoScalingGroup': 'AutoScalingGroupARN',
  'AWS::AutoScaling::LaunchConfiguration': 'LaunchConfigurationARN',
  'AWS::AutoScaling::ScalingPolicy': 'PolicyARN',
  'AWS::AutoScaling::ScheduledAction': 'ScheduledActionARN',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'LoadBalancerArn',
  'AWS::ElasticLoadBalancingV2::Listener': 'ListenerArn',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'RuleArn',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'TargetGroupArn',
  'AWS::EC2::SecurityGroup': 'SecurityGroupArn',
  'AWS::EC2::Subnet': 'SubnetArn',
};

/**
 * One direction of a relation in compressed rows: the neighbours of node `i`
 * are `targets[start[i - base]]` up to `targets[start[i - base + 1]]`, sorted
 * and unique. Two typed arrays hold millions of edges without an object each.
 */
interface Rows {
  base: number;
  start: Int32Array;
  targets: Int32Array;
}

const NO_ROWS: Rows = { base: 0, start: new Int32Array(1), targets: new Int32Array(0) };

// The one empty neighbour list: most nodes have none for most relations.
const NO_NODES: readonly Node[] = Object.freeze([]);

/** The edges of a relation while the graph is built, in the order relationships emit them. */
class EdgeList {
  from: Int32Array = new Int32Array(1024);
  to: Int32Array = new Int32Array(1024);
  count = 0;
  add(from: number, to: number): void {
    if (this.count === this.from.length) {
      const grow = (old: Int32Array): Int32Array => {
        const bigger = new Int32Array(old.length * 2);
        bigger.set(old);
        return bigger;
      };
      this.from = grow(this.from);
      this.to = grow(this.to);
    }
    this.from[this.count] = from;
    this.to[this.count++] = to;
  }
}

/** Groups edges by their `from` end (a counting sort), then sorts each row and drops the duplicates two relationships produced. */
function toRows(from: Int32Array, to: Int32Array, count: number): Rows {
  if (count === 0) return NO_ROWS;
  let lo = from[0]!;
  let hi = lo;
  for (let e = 0; e < count; e++) {
    const f = from[e]!;
    if (f < lo) lo = f;
    if (f > hi) hi = f;
  }
  const start = new Int32Array(hi - lo + 2);
  for (let e = 0; e < count; e++) start[from[e]! - lo + 1]!++;
  for (let i = 1; i < start.length; i++) start[i]! += start[i - 1]!;
  const next = start.slice(0, -1);
  const targets = new Int32Array(count);
  for (let e = 0; e < count; e++) targets[next[from[e]! - lo]!++] = to[e]!;
  let w = 0;
  for (let row = 0; row < start.length - 1; row++) {
    const s = start[row]!;
    const e = start[row + 1]!;
    if (e - s > 16) targets.subarray(s, e).sort();
    else sortShortRow(targets, s, e);
    start[row] = w;
    // Writes never pass reads (w <= r), so targets[r - 1] still holds the row's previous value.
    for (let r = s; r < e; r++) if (r === s || targets[r] !== targets[r - 1]) targets[w++] = targets[r]!;
  }
  start[start.length - 1] = w;
  return { base: lo, start, targets: w < count ? targets.slice(0, w) : targets };
}

// Most rows hold one or two edges: sorted in place without making a view per row.
function sortShortRow(targets: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const value = targets[i]!;
    let j = i - 1;
    for (; j >= from && targets[j]! > value; j--) targets[j + 1] = targets[j]!;
    targets[j + 1] = value;
  }
}

/** Where a node's row starts in `targets` (rows of nodes outside the table are empty). */
function rowStart(rows: Rows, index: number): number {
  const i = index - rows.base;
  return i < 0 || i >= rows.start.length - 1 ? 0 : rows.start[i]!;
}

/** Where a node's row ends in `targets`. */
function rowEnd(rows: Rows, index: number): number {
  const i = index - rows.base;
  return i < 0 || i >= rows.start.length - 1 ? 0 : rows.start[i + 1]!;
}

/** The first position in `targets[from..to)` holding a value >= `value` (rows are sorted). */
function lowerBound(targets: Int32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (targets[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Scoped = Pick<ResourceRef, 'accountId' | 'region' | 'id'>;

/** A node's key within its type, `account|region|id`, the name `elsewhere` files it under. */
const scopedKey = (ref: Scoped): string => `${ref.accountId}|${ref.region}|${ref.id}`;

/**
 * Compares two resources of one type as their scoped keys compare, building the
 * strings only across an account or region boundary: within one, the keys share
 * their start and the ids decide. Saves a key string per resource.
 */
function compareKeys(a: Scoped, b: Scoped): number {
  if (a.accountId === b.accountId && a.region === b.region) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const ka = scopedKey(a);
  const kb = scopedKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

interface Table {
  out: Rows;
  in: Rows;
}

/**
 * The nodes of one type by id. AWS ids are nearly always unique across accounts and regions:
 * one lookup finds the node, and the few ids that recur in another account or region
 * (names of groups, balancers…) are kept apart in `others` under `account|region|id`.
 * The maps are made only when lookups out of order are many (see `findById`).
 */
interface IdIndex {
  /** The type's index range `[first, end)`. */
  first: number;
  end: number;
  /** Index of the node the last lookup found (first - 1 before any). */
  last: number;
  /** Lookups the guess missed while there were no maps. */
  misses: number;
  maps?: IdMaps;
}

interface IdMaps {
  byId: Map<string, GraphNode>;
  others: Map<string, GraphNode>;
}

/** Fills an index's maps from its nodes, in index order. */
function indexIds(index: IdIndex, nodes: readonly GraphNode[]): IdMaps {
  const byId = new Map<string, GraphNode>();
  const others = new Map<string, GraphNode>();
  for (let i = index.first; i < index.end; i++) {
    const node = nodes[i]!;
    // Keys are unique within a type, so a node is either the first of its id or the only one of its id in its scope.
    if (!byId.has(node.ref.id)) byId.set(node.ref.id, node);
    else others.set(scopedKey(node.ref), node);
  }
  return (index.maps = { byId, others });
}

const isNamed = (node: Node, accountId: string, region: string, id: string): boolean =>
  node.ref.id === id && node.ref.accountId === accountId && node.ref.region === region;

/** The node of a key in an index's range, which is sorted by key: a binary search. */
function searchIds(index: IdIndex, nodes: readonly GraphNode[], key: Scoped): GraphNode | undefined {
  let lo = index.first;
  let hi = index.end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const order = compareKeys(nodes[mid]!.ref, key);
    if (order === 0) return nodes[mid];
    if (order < 0) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}

/**
 * Builds the graph of a snapshot. Pure and linear in the number of resources
 * and links; edges are node indices in typed arrays, not strings, because an
 * estate of 100k instances has millions of them.
 */
export function buildGraph(snapshot: Snapshot): Graph {
  const nodes: GraphNode[] = [];
  const nodesByType = new Map<ResourceType, GraphNode[]>();
  const positionsByType = new Map<ResourceType, Int32Array>();
  const idIndex = new Map<ResourceType, IdIndex>();
  const findById = (type: ResourceType, accountId: string, region: string, id: string): GraphNode | undefined => {
    const index = id ? idIndex.get(type) : undefined;
    if (index === undefined) return undefined;
    // Lookups mostly walk a type in snapshot order (instances name their volumes, volumes their
    // instances, in id order), and nodes keep that order: the node last found, or the one after
    // it, is tried first. The few lookups out of order search the sorted nodes, until they are
    // a quarter of the type: then its ids are hashed into maps once. A node's scope and id name
    // it, so every way finds the same node; and a type walked mostly in order never needs maps.
    const last = index.last;
    if (last >= index.first && isNamed(nodes[last]!, accountId, region, id)) return nodes[last];
    if (last + 1 < index.end && isNamed(nodes[last + 1]!, accountId, region, id)) return nodes[(index.last = last + 1)];
    let node: GraphNode | undefined;
    if (index.maps === undefined && ++index.misses <= (index.end - index.first) / 4) node = searchIds(index, nodes, { accountId, region, id });
    else {
      const maps = index.maps ?? indexIds(index, nodes);
      node = maps.byId.get(id);
      if (node !== undefined && !(node.ref.accountId === accountId && node.ref.region === region)) node = maps.others.get(`${accountId}|${region}|${id}`);
    }
    if (node !== undefined) index.last = node.index;
    return node;
  };
  // Groups may reference a launch template by name: the first template of that name in the account and region.
  const templatesByName = new ByRegion<Map<string, GraphNode>>();
  const byArn = new Map<string, GraphNode>();

  for (const type of RESOURCE_TYPES) {
    const list: GraphNode[] = [];
    const arnField = ARN_FIELDS[type];
    const resources = resourcesOf(snapshot, type);
    // Each listed node's position in `resources`, to fill `positions` once indices are known.
    const listed = new Int32Array(resources.length);
    // Indexed loops here and below: buildGraph runs once, before it is optimized, and a for-of
    // over 100k resources would allocate an iterator result per step.
    for (let r = 0; r < resources.length; r++) {
      const resource = resources[r]!;
      const id = resourceId(type, resource);
      if (!id) continue;
      const accountId = resource.accountId;
      const region = resource.region;
      const name = resourceName(type, resource);
      const arn = arnField ? str(resource[arnField]) : undefined;
      // Made whole at once: an ARN added afterwards would grow the object.
      const ref: ResourceRef = arn ? { type, id, accountId, region, name, arn } : { type, id, accountId, region, name };
      listed[list.push(new GraphNode(ref, resource)) - 1] = r;
    }
    // Sorted by key; the sort is stable, so of a resource listed twice (two collection passes) the first listed is kept.
    // Snapshots are written sorted: one pass finds that out, and the sort (with key strings) is left for the others.
    let sorted = true;
    for (let k = 1; k < list.length && sorted; k++) sorted = compareKeys(list[k - 1]!.ref, list[k]!.ref) <= 0;
    let order: number[] | undefined;
    if (!sorted) {
      const keys = list.map((n) => scopedKey(n.ref));
      order = list.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
    }
    const first = nodes.length;
    const positions = new Int32Array(resources.length).fill(-1);
    let previous: GraphNode | undefined;
    for (let o = 0; o < list.length; o++) {
      const n = order ? order[o]! : o;
      const node = list[n]!;
      // A resource listed again after the first of its key (rare) gets the node kept for it.
      if (previous === undefined || compareKeys(previous.ref, node.ref) !== 0) {
        previous = node;
        node.index = nodes.push(node) - 1;
      }
      positions[listed[n]!] = previous.index;
    }
    positionsByType.set(type, positions);
    const kept = nodes.slice(first);
    nodesByType.set(type, kept);
    idIndex.set(type, { first, end: nodes.length, last: first - 1, misses: 0 });
    // ARNs and names are registered in snapshot order, as they are listed.
    for (let n = 0; n < list.length; n++) {
      const node = list[n]!;
      if (node.index < 0) continue;
      if (node.ref.arn) byArn.set(node.ref.arn, node);
      if (type !== 'AWS::EC2::LaunchTemplate') continue;
      const name = str(node.resource.LaunchTemplateName);
      if (!name) continue;
      const names = templatesByName.ensure(node.ref.accountId, node.ref.region, () => new Map());
      if (!names.has(name)) names.set(name, node);
    }
  }

  const find = (type: ResourceType, accountId: string, region: string, id: string): GraphNode | undefined => {
    const found = findById(type, accountId, region, id);
    if (found || type !== 'AWS::EC2::LaunchTemplate' || !id.startsWith('name:')) return found;
    return templatesByName.get(accountId, region)?.get(id.slice('name:'.length));
  };

  // IP targets name a private address: indexed on first use, as most estates have none.
  // A live instance wins over a stopped one that kept the same address.
  let byAddress: Map<string, GraphNode> | undefined;
  const addresses = (): Map<string, GraphNode> => {
    if (byAddress) return byAddress;
    byAddress = new Map();
    for (const node of nodesByType.get('AWS::EC2::Instance') ?? []) {
      const { accountId, region } = node.resource;
      const vpc = str(node.resource.VpcId) ?? '';
      const live = isLiveState(instanceState(node.resource));
      for (const address of privateAddresses(node.resource)) {
        for (const scope of [vpc, '*']) {
          const k = `${accountId}|${region}|${scope}|${address}`;
          if (live || !byAddress.has(k)) byAddress.set(k, node);
        }
      }
    }
    return byAddress;
  };

  // Zone ids by account, region and zone name.
  const zoneIds = new ByRegion<Map<string, string>>();
  const zonesOf = (accountId: string, region: string): Map<string, string> => zoneIds.ensure(accountId, region, () => new Map());
  for (const zone of snapshot.availabilityZones) zonesOf(zone.accountId, zone.region).set(zone.ZoneName, zone.ZoneId);
  for (const subnet of nodesByType.get('AWS::EC2::Subnet') ?? []) {
    const name = str(subnet.resource.AvailabilityZone);
    const id = str(subnet.resource.AvailabilityZoneId);
    if (!name || !id) continue;
    const zones = zonesOf(subnet.ref.accountId, subnet.ref.region);
    if (!zones.has(name)) zones.set(name, id);
  }

  const lookup: Lookup = {
    node: find,
    nodeOfArn: (arn) => (arn ? byArn.get(arn) : undefined),
    instanceAt: (accountId, region, vpcId, address) => addresses().get(`${accountId}|${region}|${vpcId ?? '*'}|${address}`),
  };

  const edgeLists = new Map<Relation, EdgeList>();
  const edgesOf = (relation: Relation): EdgeList => {
    let list = edgeLists.get(relation);
    if (!list) edgeLists.set(relation, (list = new EdgeList()));
    return list;
  };
  // Registration states as given, edge by edge (from * size + to, in a list of doubles, not boxed
  // numbers), made a map on the first `edgesOut`/`edgesIn` that asks: facts and rules never do.
  const given = new Map<Relation, { edges: number[]; states: string[] }>();
  const states = new Map<Relation, Map<number, string>>();
  const statesOf = (relation: Relation): Map<number, string> | undefined => {
    let table = states.get(relation);
    const list = given.get(relation);
    if (table || !list) return table;
    table = new Map();
    // The first state given for an edge wins.
    for (let e = 0; e < list.edges.length; e++) if (!table.has(list.edges[e]!)) table.set(list.edges[e]!, list.states[e]!);
    states.set(relation, table);
    return table;
  };
  const size = nodes.length;

  for (const spec of RELATIONSHIPS) {
    const edges = edgesOf(spec.relation);
    const reversed = spec.declaredOn === 'to';
    const other = reversed ? spec.from : spec.to;
    // One emit per relationship, reading the node being linked from `at`.
    let at = -1;
    const emit: Emit = (target, state) => {
      if (!target || target.ref.type !== other) return;
      const from = reversed ? target.index : at;
      const to = reversed ? at : target.index;
      edges.add(from, to);
      if (state === undefined) return;
      let list = given.get(spec.relation);
      if (!list) given.set(spec.relation, (list = { edges: [], states: [] }));
      list.edges.push(from * size + to);
      list.states.push(state);
    };
    const sources = nodesByType.get(reversed ? spec.to : spec.from) ?? [];
    for (let n = 0; n < sources.length; n++) {
      at = sources[n]!.index;
      spec.link(sources[n]!.resource, lookup, emit);
    }
  }

  const tables = new Map<Relation, Table>();
  const finish = (relation: Relation): Table => {
    const list = edgesOf(relation);
    const table = { out: toRows(list.from, list.to, list.count), in: toRows(list.to, list.from, list.count) };
    tables.set(relation, table);
    return table;
  };

  // A load balancer routes to every target group its listeners and their rules
  // forward to; the target group's own LoadBalancerArns were linked above.
  const listensOn = finish('listensOn');
  const partOf = finish('partOf');
  const routes = edgesOf('routesTo');
  const forwards = toRows(routes.from, routes.to, routes.count);
  for (const listener of nodesByType.get('AWS::ElasticLoadBalancingV2::Listener') ?? []) {
    const bs = rowStart(listensOn.out, listener.index);
    const be = rowEnd(listensOn.out, listener.index);
    if (bs === be) continue;
    const sources = [listener.index, ...partOf.in.targets.subarray(rowStart(partOf.in, listener.index), rowEnd(partOf.in, listener.index))];
    for (const source of sources) {
      const ge = rowEnd(forwards, source);
      for (let g = rowStart(forwards, source); g < ge; g++) for (let b = bs; b < be; b++) routes.add(listensOn.out.targets[b]!, forwards.targets[g]!);
    }
  }
  for (const relation of edgeLists.keys()) if (!tables.has(relation)) finish(relation);
  edgeLists.clear();

  const resolveAt = (at: NodeOrKey): Node | undefined => (typeof at === 'string' ? nodeOfKey(at) : at);
  // A node's neighbours of one type are one stretch of its sorted row (types own consecutive indices),
  // left in `stretch` (one object for the graph: this runs millions of times).
  const stretch = { targets: NO_ROWS.targets, s: 0, e: 0 };
  const findStretch = (relation: Relation, direction: 'out' | 'in', node: Node, type: ResourceType | undefined): boolean => {
    const table = tables.get(relation);
    if (!table) return false;
    const rows = table[direction];
    const rowS = rowStart(rows, node.index);
    const rowE = rowEnd(rows, node.index);
    // Most nodes have no neighbours through most relations: no type range to look up then.
    if (rowS === rowE) return false;
    const range = type === undefined ? undefined : idIndex.get(type);
    stretch.targets = rows.targets;
    stretch.s = type === undefined ? rowS : lowerBound(rows.targets, rowS, rowE, range?.first ?? 0);
    stretch.e = type === undefined ? rowE : lowerBound(rows.targets, rowS, rowE, range?.end ?? 0);
    return stretch.s < stretch.e;
  };
  const select = (relation: Relation, direction: 'out' | 'in', at: NodeOrKey, type?: ResourceType): readonly Node[] => {
    const node = resolveAt(at);
    if (!node || !findStretch(relation, direction, node, type)) return NO_NODES;
    const { targets, s, e } = stretch;
    const out = new Array<Node>(e - s);
    for (let i = s; i < e; i++) out[i - s] = nodes[targets[i]!]!;
    return out;
  };
  const append = (target: Node[], relation: Relation, direction: 'out' | 'in', node: Node, type?: ResourceType): void => {
    if (!findStretch(relation, direction, node, type)) return;
    const { targets, s, e } = stretch;
    for (let i = s; i < e; i++) target.push(nodes[targets[i]!]!);
  };
  const count = (relation: Relation, direction: 'out' | 'in', at: Node, type?: ResourceType): number =>
    findStretch(relation, direction, at, type) ? stretch.e - stretch.s : 0;
  const edges = (relation: Relation, direction: 'out' | 'in', key: string): Edge[] => {
    const at = nodeOfKey(key);
    const table = tables.get(relation);
    if (!at || !table) return [];
    const relationStates = statesOf(relation);
    const rows = table[direction];
    const e = rowEnd(rows, at.index);
    const out: Edge[] = [];
    for (let i = rowStart(rows, at.index); i < e; i++) {
      const other = rows.targets[i]!;
      const [from, to] = direction === 'out' ? [at.index, other] : [other, at.index];
      const edge: Edge = { from: nodes[from]!.key, relation, to: nodes[to]!.key };
      const state = relationStates?.get(from * size + to);
      if (state !== undefined) edge.state = state;
      out.push(edge);
    }
    return out;
  };
  // Keys read `type|account|region|id`; only the id may hold a `|`.
  function nodeOfKey(key: string): GraphNode | undefined {
    const [type, accountId, region] = key.split('|', 3) as [ResourceType, string, string | undefined];
    if (region === undefined) return undefined;
    const node = findById(type, accountId, region, key.slice(type.length + accountId.length + region.length + 3));
    return node;
  }

  return {
    node: nodeOfKey,
    find: (ref) => findById(ref.type, ref.accountId, ref.region, ref.id),
    size,
    atPosition: (type, position) => {
      const index = positionsByType.get(type)?.[position];
      return index === undefined || index < 0 ? undefined : nodes[index];
    },
    nodes: (type) => nodesByType.get(type) ?? [],
    out: (from, relation, type) => select(relation, 'out', from, type),
    in: (to, relation, type) => select(relation, 'in', to, type),
    appendOut: (target, from, relation, type) => append(target, relation, 'out', from, type),
    appendIn: (target, to, relation, type) => append(target, relation, 'in', to, type),
    countOut: (from, relation, type) => count(relation, 'out', from, type),
    countIn: (to, relation, type) => count(relation, 'in', to, type),
    edgesOut: (key, relation) => edges(relation, 'out', key),
    edgesIn: (key, relation) => edges(relation, 'in', key),
    zoneId: (accountId, region, zoneName) => zoneIds.get(accountId, region)?.get(zoneName),
    lookup,
  };
}
