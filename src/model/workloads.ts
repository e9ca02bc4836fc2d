/**
 * Groups the estate into workloads, the unit that gets one Kubernetes plan:
 * each Auto Scaling group is one; standalone instances behind the same target
 * group or classic load balancer form one; the remaining standalone instances
 * group by application tags, or stand alone.
 */
import { RESOURCE_TYPES, type ResourceType } from '../snapshot/types.js';
import { appKeyOf } from './app-key.js';
import { instanceState, isLiveState, str, tagsOf } from './aws-shapes.js';
import type { Graph, Node } from './graph.js';
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

const byKey = (a: Node, b: Node): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** A workload with the graph nodes it was built from, for the resolver. */
export interface GroupedWorkload {
  workload: Workload;
  /** Every resource of the workload, in the order of `workload.resources`. */
  resources: Node[];
  instances: Node[];
  running: Node[];
  group?: Node;
}

/** Groups the graph's instances into workloads, sorted by id. */
export function groupWorkloads(graph: Graph): Workload[] {
  return groupWorkloadNodes(graph).map((g) => g.workload);
}

/** Groups the graph's instances into workloads (sorted by id), keeping their nodes. */
export function groupWorkloadNodes(graph: Graph): GroupedWorkload[] {
  const drafts: Draft[] = [];
  const claimed = new Set<string>();
  const instances = graph.nodes(INSTANCE).filter((n) => !isGone(n));

  for (const group of graph.nodes(ASG)) {
    const members = graph.in(group.key, 'memberOf', INSTANCE).filter((n) => !isGone(n));
    for (const m of members) claimed.add(m.key);
    drafts.push({ name: group.ref.name, origin: 'auto-scaling-group', accountId: group.ref.accountId, region: group.ref.region, identity: group.key, group, instances: members });
  }

  // Instances tagged by a group the snapshot does not hold (deleted, or not collected)
  // still came from one group: keep them together under its name.
  const orphans = new Map<string, Node[]>();
  for (const instance of instances) {
    if (claimed.has(instance.key)) continue;
    const groupName = tagsOf(instance.resource)['aws:autoscaling:groupName'];
    if (!groupName) continue;
    const k = `${instance.ref.accountId}|${instance.ref.region}|${groupName}`;
    const list = orphans.get(k);
    if (list) list.push(instance);
    else orphans.set(k, [instance]);
    claimed.add(instance.key);
  }
  for (const [k, members] of [...orphans].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = members[0]!;
    drafts.push({ name: k.split('|').slice(2).join('|'), origin: 'auto-scaling-group', accountId: first.ref.accountId, region: first.ref.region, identity: `asg-tag:${k}`, instances: members });
  }

  const standalone = instances.filter((n) => !claimed.has(n.key));
  drafts.push(...groupBehindLoadBalancers(graph, standalone, claimed));
  drafts.push(...groupByApplication(standalone.filter((n) => !claimed.has(n.key))));

  const ids = assignIds(drafts);
  return drafts.map((draft, i) => toWorkload(graph, draft, ids[i]!)).sort((a, b) => (a.workload.id < b.workload.id ? -1 : a.workload.id > b.workload.id ? 1 : 0));
}

/** Standalone instances registered in a common target group or classic load balancer become one workload. */
function groupBehindLoadBalancers(graph: Graph, standalone: Node[], claimed: Set<string>): Draft[] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const balancersOf = (n: Node): Node[] => [...graph.out(n.key, 'registeredIn', TARGET_GROUP), ...graph.out(n.key, 'registeredIn', CLASSIC)];

  const candidates = standalone.filter((n) => balancersOf(n).length > 0);
  const isCandidate = new Set(candidates.map((n) => n.key));
  for (const n of candidates) parent.set(n.key, n.key);
  for (const n of candidates) {
    for (const balancer of balancersOf(n)) {
      for (const peer of graph.in(balancer.key, 'registeredIn', INSTANCE)) if (isCandidate.has(peer.key)) union(n.key, peer.key);
    }
  }

  const components = new Map<string, Node[]>();
  for (const n of candidates) {
    const root = find(n.key);
    const list = components.get(root);
    if (list) list.push(n);
    else components.set(root, [n]);
  }
  const drafts: Draft[] = [];
  for (const members of components.values()) {
    for (const m of members) claimed.add(m.key);
    const first = members[0]!;
    drafts.push({
      name: sharedAppName(members) ?? balancerName(graph, members, balancersOf),
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
  const keys = members.map((m) => appKeyOf(tagsOf(m.resource)));
  const first = keys[0];
  return first && keys.every((k) => k?.key === first.key) ? first.name : undefined;
}

// Named after the classic load balancer, else the target group, that the members share.
function balancerName(graph: Graph, members: Node[], balancersOf: (n: Node) => Node[]): string {
  const all = new Map<string, Node>();
  for (const m of members) for (const b of balancersOf(m)) all.set(b.key, b);
  const sorted = [...all.values()].sort((a, b) => (a.ref.type === b.ref.type ? a.ref.name.localeCompare(b.ref.name) : a.ref.type === CLASSIC ? -1 : 1));
  return sorted[0]?.ref.name ?? members[0]!.ref.name;
}

/** Remaining standalone instances group by application key (tags, CloudFormation, Name), or stand alone. */
function groupByApplication(rest: Node[]): Draft[] {
  const groups = new Map<string, { name: string; members: Node[] }>();
  for (const n of rest) {
    const app = appKeyOf(tagsOf(n.resource));
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

const TYPE_ORDER = new Map<ResourceType, number>(RESOURCE_TYPES.map((t, i) => [t, i]));

function toWorkload(graph: Graph, draft: Draft, id: string): GroupedWorkload {
  const resources = new Map<string, Node>();
  const add = (nodes: Node[]): void => nodes.forEach((n) => resources.set(n.key, n));
  const instances = [...draft.instances].sort(byKey);
  const targetGroups = new Map<string, Node>();
  const classics = new Map<string, Node>();

  if (draft.group) {
    add([draft.group, ...graph.in(draft.group.key, 'configures'), ...graph.out(draft.group.key, 'launchedFrom')]);
    graph.out(draft.group.key, 'attachedTo', TARGET_GROUP).forEach((n) => targetGroups.set(n.key, n));
    graph.out(draft.group.key, 'attachedTo', CLASSIC).forEach((n) => classics.set(n.key, n));
  }
  for (const instance of instances) {
    add([instance, ...graph.in(instance.key, 'attachedTo', 'AWS::EC2::Volume'), ...graph.in(instance.key, 'associatedWith', 'AWS::EC2::EIP'), ...graph.out(instance.key, 'protectedBy')]);
    graph.out(instance.key, 'registeredIn', TARGET_GROUP).forEach((n) => targetGroups.set(n.key, n));
    graph.out(instance.key, 'registeredIn', CLASSIC).forEach((n) => classics.set(n.key, n));
  }
  const balancers = new Map<string, Node>(classics);
  for (const tg of targetGroups.values()) {
    graph.in(tg.key, 'routesTo', ELBV2).forEach((n) => balancers.set(n.key, n));
    add([...graph.in(tg.key, 'routesTo', 'AWS::ElasticLoadBalancingV2::Listener'), ...graph.in(tg.key, 'routesTo', 'AWS::ElasticLoadBalancingV2::ListenerRule')]);
  }
  add([...targetGroups.values(), ...balancers.values()]);

  const running = instances.filter((n) => isLiveState(instanceState(n.resource)));
  const zones = [...new Set(running.map((n) => str((n.resource.Placement as { AvailabilityZone?: unknown } | undefined)?.AvailabilityZone)).filter((z): z is string => !!z))].sort();
  const refs = (nodes: Iterable<Node>): ResourceRef[] => [...nodes].sort(byKey).map((n) => n.ref);
  const ordered = [...resources.values()].sort((a, b) => (TYPE_ORDER.get(a.ref.type)! - TYPE_ORDER.get(b.ref.type)!) || byKey(a, b));

  const workload: Workload = {
    id,
    name: draft.name,
    origin: draft.origin,
    accountId: draft.accountId,
    region: draft.region,
    resources: ordered.map((n) => n.ref),
    instances: refs(instances),
    runningInstances: refs(running),
    targetGroups: refs(targetGroups.values()),
    loadBalancers: refs(balancers.values()),
    zones,
  };
  const grouped: GroupedWorkload = { workload, resources: ordered, instances, running };
  if (draft.group) {
    workload.autoScalingGroup = draft.group.ref;
    grouped.group = draft.group;
  }
  return grouped;
}
