/**
 * Groups the estate into workloads, the unit that gets one Kubernetes plan:
 * each Auto Scaling group is one; standalone instances behind the same target
 * group or classic load balancer form one; the remaining standalone instances
 * group by application tags, or stand alone.
 */
import { RESOURCE_TYPES, type ResourceType } from '../snapshot/types.js';
import { appKeyOf } from './app-key.js';
import { instanceState, isLiveState, str, tagValue } from './aws-shapes.js';
import { pushAll } from './facts/context.js';
import type { Graph, Node } from './graph.js';
import { sortInPlace, sortStrings } from './sort.js';
import type { ResourceRef, Workload, WorkloadOrigin } from './types.js';
import { assignIds } from './workload-ids.js';

const INSTANCE = 'AWS::EC2::Instance';
const ASG = 'AWS::AutoScaling::AutoScalingGroup';
const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const ELBV2 = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

/** Terminated instances are leftovers AWS still lists for a while; they belong to no workload. */
function isGone(instance: Node): boolean {
  const state = instanceState(instance.resource);
  return state === 'terminated' || state === 'shutting-down';
}

interface Draft {
  name: string;
  origin: WorkloadOrigin;
  accountId: string;
  region: string;
  identity: string;
  group?: Node;
  instances: Node[];
}

// Node keys start with the type, so key order is the order of `type|` names, then
// index order within a type; comparing that way builds no key strings.
const KEY_RANK = new Map<ResourceType, number>([...RESOURCE_TYPES].sort((a, b) => (`${a}|` < `${b}|` ? -1 : 1)).map((t, i) => [t, i]));
const byKey = (a: Node, b: Node): number => KEY_RANK.get(a.ref.type)! - KEY_RANK.get(b.ref.type)! || a.index - b.index;

/** A workload with the graph nodes it was built from, for the resolver. */
export interface GroupedWorkload {
  workload: Workload;
  /** Every resource of the workload, in the order of `workload.resources`. */
  resources: Node[];
  instances: Node[];
  running: Node[];
  /** In the order of `workload.targetGroups`. */
  targetGroups: Node[];
  /** In the order of `workload.loadBalancers`. */
  loadBalancers: Node[];
  group?: Node;
}

/** Groups the graph's instances into workloads, sorted by id. */
export function groupWorkloads(graph: Graph): Workload[] {
  return groupWorkloadNodes(graph).map((g) => g.workload);
}

/** Groups the graph's instances into workloads (sorted by id), keeping their nodes. */
export function groupWorkloadNodes(graph: Graph): GroupedWorkload[] {
  const drafts: Draft[] = [];
  const claimed = new Uint8Array(graph.size);
  // Each instance's state read once; indexed loops below, as this runs once, before it is
  // optimized, and a for-of over 100k instances would allocate a step object for each.
  const all = graph.nodes(INSTANCE);
  const gone = new Uint8Array(graph.size);
  const instances: Node[] = [];
  for (let i = 0; i < all.length; i++) {
    if (isGone(all[i]!)) gone[all[i]!.index] = 1;
    else instances.push(all[i]!);
  }

  const groups = graph.nodes(ASG);
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const members = graph.in(group, 'memberOf', INSTANCE).filter((n) => !gone[n.index]);
    for (let m = 0; m < members.length; m++) claimed[members[m]!.index] = 1;
    drafts.push({ name: group.ref.name, origin: 'auto-scaling-group', accountId: group.ref.accountId, region: group.ref.region, identity: group.key, group, instances: members });
  }

  // Instances tagged by a group the snapshot does not hold (deleted, or not collected)
  // still came from one group: keep them together under its name.
  const orphans = new Map<string, Node[]>();
  for (let i = 0; i < instances.length; i++) {
    const instance = instances[i]!;
    if (claimed[instance.index]) continue;
    const groupName = tagValue(instance.resource, 'aws:autoscaling:groupName');
    if (!groupName) continue;
    const k = `${instance.ref.accountId}|${instance.ref.region}|${groupName}`;
    const list = orphans.get(k);
    if (list) list.push(instance);
    else orphans.set(k, [instance]);
    claimed[instance.index] = 1;
  }
  for (const [k, members] of [...orphans].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = members[0]!;
    drafts.push({ name: k.split('|').slice(2).join('|'), origin: 'auto-scaling-group', accountId: first.ref.accountId, region: first.ref.region, identity: `asg-tag:${k}`, instances: members });
  }

  const standalone = instances.filter((n) => !claimed[n.index]);
  drafts.push(...groupBehindLoadBalancers(graph, standalone, claimed));
  drafts.push(...groupByApplication(standalone.filter((n) => !claimed[n.index])));

  const ids = assignIds(drafts);
  return drafts.map((draft, i) => toWorkload(graph, draft, ids[i]!)).sort((a, b) => (a.workload.id < b.workload.id ? -1 : a.workload.id > b.workload.id ? 1 : 0));
}

// The target groups and classic load balancers an instance is registered in (the only targets of `registeredIn`).
const balancersOf = (graph: Graph, n: Node): readonly Node[] => graph.out(n, 'registeredIn');

/** Standalone instances registered in a common target group or classic load balancer become one workload. */
function groupBehindLoadBalancers(graph: Graph, standalone: Node[], claimed: Uint8Array): Draft[] {
  // Union-find over node indices (-1: not a candidate); which member ends up the root does not matter.
  // Typed arrays and indexed loops: this runs once, over up to every instance, before it is optimized.
  const parent = new Int32Array(graph.size).fill(-1);
  const find = (k: number): number => {
    let root = k;
    while (parent[root] !== root) root = parent[root]!;
    parent[k] = root;
    return root;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const candidates = standalone.filter((n) => graph.countOut(n, 'registeredIn') > 0);
  for (let c = 0; c < candidates.length; c++) parent[candidates[c]!.index] = candidates[c]!.index;
  // Each balancer joins its candidate instances once: the components are those of
  // the instance–balancer graph, without visiting every pair of peers.
  const joined = new Uint8Array(graph.size);
  for (let c = 0; c < candidates.length; c++) {
    const n = candidates[c]!;
    const balancers = balancersOf(graph, n);
    for (let b = 0; b < balancers.length; b++) {
      const balancer = balancers[b]!;
      if (joined[balancer.index]) continue;
      joined[balancer.index] = 1;
      const peers = graph.in(balancer, 'registeredIn', INSTANCE);
      for (let p = 0; p < peers.length; p++) if (parent[peers[p]!.index]! >= 0) union(n.index, peers[p]!.index);
    }
  }

  const components = new Map<number, Node[]>();
  for (let c = 0; c < candidates.length; c++) {
    const n = candidates[c]!;
    const root = find(n.index);
    const list = components.get(root);
    if (list) list.push(n);
    else components.set(root, [n]);
  }
  const drafts: Draft[] = [];
  for (const members of components.values()) {
    for (const m of members) claimed[m.index] = 1;
    const first = members[0]!;
    drafts.push({
      name: sharedAppName(members) ?? balancerName(graph, members),
      origin: members.length > 1 ? 'instance-group' : 'standalone-instance',
      accountId: first.ref.accountId,
      region: first.ref.region,
      identity: `lb:${members.map((m) => m.key).join(',')}`,
      instances: members,
    });
  }
  return drafts;
}

// The application name all members agree on, if they do.
function sharedAppName(members: Node[]): string | undefined {
  const keys = members.map((m) => appKeyOf(m.tags));
  const first = keys[0];
  return first && keys.every((k) => k?.key === first.key) ? first.name : undefined;
}

// Named after the classic load balancer, else the target group, that the members share.
function balancerName(graph: Graph, members: Node[]): string {
  const all = new Map<number, Node>();
  for (const m of members) for (const b of balancersOf(graph, m)) all.set(b.index, b);
  const sorted = [...all.values()].sort((a, b) => (a.ref.type === b.ref.type ? a.ref.name.localeCompare(b.ref.name) : a.ref.type === CLASSIC ? -1 : 1));
  return sorted[0]?.ref.name ?? members[0]!.ref.name;
}

/** Remaining standalone instances group by application key (tags, CloudFormation, Name), or stand alone. */
function groupByApplication(rest: Node[]): Draft[] {
  const groups = new Map<string, { name: string; members: Node[] }>();
  for (let r = 0; r < rest.length; r++) {
    const n = rest[r]!;
    const app = appKeyOf(n.tags);
    const k = app ? `${n.ref.accountId}|${n.ref.region}|${app.key}` : n.key;
    const entry = groups.get(k) ?? { name: app?.name ?? n.ref.name, members: [] };
    entry.members.push(n);
    groups.set(k, entry);
  }
  return [...groups].map(([k, { name, members }]) => ({
    name,
    origin: members.length > 1 ? 'instance-group' : 'standalone-instance',
    accountId: members[0]!.ref.accountId,
    region: members[0]!.ref.region,
    identity: `app:${k}`,
    instances: members,
  }));
}

const byIndex = (a: Node, b: Node): number => a.index - b.index;

/** Nodes in index order (by type in RESOURCE_TYPES order, then key), each once. */
function distinct(nodes: Node[]): Node[] {
  sortInPlace(nodes, byIndex);
  let w = 0;
  for (let r = 0; r < nodes.length; r++) if (r === 0 || nodes[r] !== nodes[w - 1]) nodes[w++] = nodes[r]!;
  nodes.length = w;
  return nodes;
}

function toWorkload(graph: Graph, draft: Draft, id: string): GroupedWorkload {
  // Lists with repeats (instances share volumes' groups, balancers, security groups), made distinct once at the end.
  const all: Node[] = [];
  const instances = sortInPlace([...draft.instances], byKey);
  const targetGroups: Node[] = [];
  const classics: Node[] = [];

  if (draft.group) {
    all.push(draft.group);
    graph.appendIn(all, draft.group, 'configures');
    graph.appendOut(all, draft.group, 'launchedFrom');
    graph.appendOut(targetGroups, draft.group, 'attachedTo', TARGET_GROUP);
    graph.appendOut(classics, draft.group, 'attachedTo', CLASSIC);
  }
  for (let i = 0; i < instances.length; i++) {
    const instance = instances[i]!;
    all.push(instance);
    // Appended in place: five lists for each of 100k instances would be garbage at once.
    graph.appendIn(all, instance, 'attachedTo', 'AWS::EC2::Volume');
    graph.appendIn(all, instance, 'associatedWith', 'AWS::EC2::EIP');
    graph.appendOut(all, instance, 'protectedBy');
    graph.appendOut(targetGroups, instance, 'registeredIn', TARGET_GROUP);
    graph.appendOut(classics, instance, 'registeredIn', CLASSIC);
  }
  distinct(targetGroups);
  const balancers = [...distinct(classics)];
  for (let t = 0; t < targetGroups.length; t++) {
    const tg = targetGroups[t]!;
    graph.appendIn(balancers, tg, 'routesTo', ELBV2);
    graph.appendIn(all, tg, 'routesTo', 'AWS::ElasticLoadBalancingV2::Listener');
    graph.appendIn(all, tg, 'routesTo', 'AWS::ElasticLoadBalancingV2::ListenerRule');
  }
  distinct(balancers);
  pushAll(all, targetGroups);
  pushAll(all, balancers);

  // Copied to its length: a filtered list keeps the spare room it grew, and this one lives as long as the model.
  const running = instances.filter((n) => isLiveState(instanceState(n.resource))).slice();
  const zones = sortStrings([...new Set(running.map((n) => str((n.resource.Placement as { AvailabilityZone?: unknown } | undefined)?.AvailabilityZone)).filter((z): z is string => !!z))]);
  const refs = (nodes: readonly Node[]): ResourceRef[] => nodes.map((n) => n.ref);
  const ordered = distinct(all).slice();
  const sortedBalancers = sortInPlace([...balancers], byKey);

  const workload: Workload = {
    id,
    name: draft.name,
    origin: draft.origin,
    accountId: draft.accountId,
    region: draft.region,
    resources: ordered.map((n) => n.ref),
    // Instances come sorted by key, and the running ones keep their order.
    instances: refs(instances),
    runningInstances: refs(running),
    targetGroups: refs(targetGroups),
    loadBalancers: refs(sortedBalancers),
    zones,
  };
  const grouped: GroupedWorkload = { workload, resources: ordered, instances, running, targetGroups, loadBalancers: sortedBalancers };
  if (draft.group) {
    workload.autoScalingGroup = draft.group.ref;
    grouped.group = draft.group;
  }
  return grouped;
}
