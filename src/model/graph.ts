/**
 * Links the snapshot's resources once: every resource becomes a node, every
 * relationship declared in relationships.ts becomes directed edges. Facts and
 * workloads read the graph; nothing joins resources anywhere else.
 */
import { RESOURCE_TYPES, resourceId, resourceName, resourcesOf, type AwsResource, type ResourceType, type Snapshot } from '../snapshot/types.js';
import { instanceState, isLiveState, privateAddresses, str } from './aws-shapes.js';
import { RELATIONSHIPS, type Lookup, type Relation } from './relationships.js';
import { refKey, type ResourceRef } from './types.js';

/** One resource in the graph. */
export interface Node {
  key: string;
  /** Position in the graph: nodes are numbered by type, then key. */
  index: number;
  ref: ResourceRef;
  resource: AwsResource;
}

/** A directed edge `from relation to`, with the registration state where the relationship has one. */
export interface Edge {
  from: string;
  relation: Relation;
  to: string;
  state?: string;
}

/** The linked estate. */
export interface Graph {
  node(key: string): Node | undefined;
  /** Every node of a type, sorted by key. */
  nodes(type: ResourceType): readonly Node[];
  /** Nodes this node points at through `relation` (optionally only of one type), sorted by type, then key. */
  out(key: string, relation: Relation, type?: ResourceType): Node[];
  /** Nodes pointing at this node through `relation` (optionally only of one type), sorted by type, then key. */
  in(key: string, relation: Relation, type?: ResourceType): Node[];
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

const byKeyOrder = (a: Node, b: Node): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** One relation's edges as adjacency lists of node indices. */
interface Adjacency {
  out: Map<number, number[]>;
  in: Map<number, number[]>;
  /** Registration states, keyed `from:to`. */
  states: Map<string, string>;
}

function append(map: Map<number, number[]>, at: number, value: number): void {
  const list = map.get(at);
  if (list) list.push(value);
  else map.set(at, [value]);
}

// Sorts an adjacency list and drops the duplicates two relationships produced.
function sortUnique(list: number[]): number[] {
  list.sort((x, y) => x - y);
  let w = 0;
  for (let r = 0; r < list.length; r++) if (r === 0 || list[r] !== list[r - 1]) list[w++] = list[r]!;
  list.length = w;
  return list;
}

/**
 * Builds the graph of a snapshot. Pure and linear in the number of resources
 * and links; edges are node indices, not strings, because an estate of 100k
 * instances has millions of them.
 */
export function buildGraph(snapshot: Snapshot): Graph {
  const nodes: Node[] = [];
  const nodesByKey = new Map<string, Node>();
  const nodesByType = new Map<ResourceType, Node[]>();
  // Ids are unique per type in practice (instance ids, ARNs); names that repeat
  // across accounts or regions (group and load balancer names) keep a short list.
  const byId = new Map<ResourceType, Map<string, Node | Node[]>>();
  const register = (ids: Map<string, Node | Node[]>, id: string, node: Node): void => {
    const known = ids.get(id);
    if (known === undefined) ids.set(id, node);
    else if (Array.isArray(known)) known.push(node);
    else ids.set(id, [known, node]);
  };
  const byArn = new Map<string, Node>();

  for (const type of RESOURCE_TYPES) {
    const list: Node[] = [];
    const ids = new Map<string, Node | Node[]>();
    byId.set(type, ids);
    const arnField = ARN_FIELDS[type];
    for (const resource of resourcesOf(snapshot, type)) {
      const id = resourceId(type, resource);
      if (!id) continue;
      const ref: ResourceRef = { type, id, accountId: resource.accountId, region: resource.region, name: resourceName(type, resource) };
      const arn = arnField ? str(resource[arnField]) : undefined;
      if (arn) ref.arn = arn;
      const key = refKey(ref);
      if (nodesByKey.has(key)) continue;
      const node: Node = { key, index: -1, ref, resource };
      nodesByKey.set(key, node);
      list.push(node);
      register(ids, id, node);
      if (arn) byArn.set(arn, node);
      // Groups may reference a launch template by name.
      if (type === 'AWS::EC2::LaunchTemplate') {
        const name = str(resource.LaunchTemplateName);
        if (name) register(ids, `name:${name}`, node);
      }
    }
    list.sort(byKeyOrder);
    for (const node of list) node.index = nodes.push(node) - 1;
    nodesByType.set(type, list);
  }

  const find = (type: ResourceType, accountId: string, region: string, id: string): Node | undefined => {
    const found = id ? byId.get(type)?.get(id) : undefined;
    if (found === undefined || !Array.isArray(found)) return found && found.ref.accountId === accountId && found.ref.region === region ? found : undefined;
    return found.find((n) => n.ref.accountId === accountId && n.ref.region === region);
  };

  // IP targets name a private address: indexed on first use, as most estates have none.
  // A live instance wins over a stopped one that kept the same address.
  let byAddress: Map<string, string> | undefined;
  const addresses = (): Map<string, string> => {
    if (byAddress) return byAddress;
    byAddress = new Map();
    for (const node of nodesByType.get('AWS::EC2::Instance') ?? []) {
      const { accountId, region } = node.resource;
      const vpc = str(node.resource.VpcId) ?? '';
      const live = isLiveState(instanceState(node.resource));
      for (const address of privateAddresses(node.resource)) {
        for (const scope of [vpc, '*']) {
          const k = `${accountId}|${region}|${scope}|${address}`;
          if (live || !byAddress.has(k)) byAddress.set(k, node.key);
        }
      }
    }
    return byAddress;
  };

  const zoneIds = new Map<string, string>();
  for (const zone of snapshot.availabilityZones) zoneIds.set(`${zone.accountId}|${zone.region}|${zone.ZoneName}`, zone.ZoneId);
  for (const subnet of nodesByType.get('AWS::EC2::Subnet') ?? []) {
    const name = str(subnet.resource.AvailabilityZone);
    const id = str(subnet.resource.AvailabilityZoneId);
    const k = `${subnet.ref.accountId}|${subnet.ref.region}|${name ?? ''}`;
    if (name && id && !zoneIds.has(k)) zoneIds.set(k, id);
  }

  const lookup: Lookup = {
    key: (type, accountId, region, id) => find(type, accountId, region, id)?.key,
    keyOfArn: (arn) => (arn ? byArn.get(arn)?.key : undefined),
    instanceAt: (accountId, region, vpcId, address) => addresses().get(`${accountId}|${region}|${vpcId ?? '*'}|${address}`),
  };

  const adjacency = new Map<Relation, Adjacency>();
  const tableOf = (relation: Relation): Adjacency => {
    let table = adjacency.get(relation);
    if (!table) adjacency.set(relation, (table = { out: new Map(), in: new Map(), states: new Map() }));
    return table;
  };
  const addEdge = (table: Adjacency, from: number, to: number, state?: string): void => {
    append(table.out, from, to);
    append(table.in, to, from);
    if (state !== undefined && !table.states.has(`${from}:${to}`)) table.states.set(`${from}:${to}`, state);
  };

  for (const spec of RELATIONSHIPS) {
    const table = tableOf(spec.relation);
    const reversed = spec.declaredOn === 'to';
    const other = reversed ? spec.from : spec.to;
    for (const node of nodesByType.get(reversed ? spec.to : spec.from) ?? []) {
      spec.link(node.resource, lookup, (key, state) => {
        const target = key === undefined ? undefined : nodesByKey.get(key);
        if (!target || target.ref.type !== other) return;
        if (reversed) addEdge(table, target.index, node.index, state);
        else addEdge(table, node.index, target.index, state);
      });
    }
  }

  // A load balancer routes to every target group its listeners and their rules
  // forward to; the target group's own LoadBalancerArns were linked above.
  const routes = tableOf('routesTo');
  const listensOn = tableOf('listensOn');
  const partOf = tableOf('partOf');
  for (const listener of nodesByType.get('AWS::ElasticLoadBalancingV2::Listener') ?? []) {
    const balancers = listensOn.out.get(listener.index) ?? [];
    for (const source of [listener.index, ...(partOf.in.get(listener.index) ?? [])]) {
      for (const group of routes.out.get(source) ?? []) for (const balancer of balancers) addEdge(routes, balancer, group);
    }
  }
  for (const table of adjacency.values()) {
    for (const list of table.out.values()) sortUnique(list);
    for (const list of table.in.values()) sortUnique(list);
  }

  const select = (relation: Relation, direction: 'out' | 'in', key: string, type?: ResourceType): Node[] => {
    const at = nodesByKey.get(key);
    const list = at === undefined ? undefined : adjacency.get(relation)?.[direction].get(at.index);
    if (!list) return [];
    const out: Node[] = [];
    for (const i of list) {
      const node = nodes[i]!;
      if (type === undefined || node.ref.type === type) out.push(node);
    }
    return out;
  };
  const edges = (relation: Relation, direction: 'out' | 'in', key: string): Edge[] => {
    const at = nodesByKey.get(key);
    const table = adjacency.get(relation);
    if (at === undefined || !table) return [];
    return (table[direction].get(at.index) ?? []).map((other) => {
      const [from, to] = direction === 'out' ? [at.index, other] : [other, at.index];
      const edge: Edge = { from: nodes[from]!.key, relation, to: nodes[to]!.key };
      const state = table.states.get(`${from}:${to}`);
      if (state !== undefined) edge.state = state;
      return edge;
    });
  };

  return {
    node: (key) => nodesByKey.get(key),
    nodes: (type) => nodesByType.get(type) ?? [],
    out: (key, relation, type) => select(relation, 'out', key, type),
    in: (key, relation, type) => select(relation, 'in', key, type),
    edgesOut: (key, relation) => edges(relation, 'out', key),
    edgesIn: (key, relation) => edges(relation, 'in', key),
    zoneId: (accountId, region, zoneName) => zoneIds.get(`${accountId}|${region}|${zoneName}`),
    lookup,
  };
}
