/**
 * The resolver: snapshot in, model out. Links the graph, groups workloads and
 * hands out facts. Pure: the same snapshot always gives the same model.
 */
import type { AwsResource, Snapshot } from '../snapshot/types.js';
import { createFactStore } from './facts.js';
import { buildGraph, type Node } from './graph.js';
import type { Facts, Model, ResourceRef, Workload, WorkloadMembers } from './types.js';
import { groupWorkloadNodes, type GroupedWorkload } from './workloads.js';

type RefLike = Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>;

/** Resolves a snapshot into the model every later step reads. */
export function resolve(snapshot: Snapshot): Model {
  const graph = buildGraph(snapshot);
  const grouped = groupWorkloadNodes(graph);
  const workloads = grouped.map((g) => g.workload);

  // A resource may serve several workloads (a shared load balancer or security group).
  // Indexed by node; workloads come sorted by id, so each list is too. Most resources
  // serve one workload, kept as is: a list for each of 300k resources would outlive the run.
  // Indexed loops: resolve runs once, unoptimized, and a for-of would allocate a step object per resource.
  const owners: (Workload | Workload[] | undefined)[] = new Array(graph.size);
  for (let g = 0; g < grouped.length; g++) {
    const { workload, resources } = grouped[g]!;
    for (let r = 0; r < resources.length; r++) {
      const node = resources[r]!;
      const held = owners[node.index];
      if (held === undefined) owners[node.index] = workload;
      else if (Array.isArray(held)) held.push(workload);
      else owners[node.index] = [held, workload];
    }
  }
  // Resources of one workload share that workload's one-element id list (and the others one empty list).
  const soleIds = new Map<Workload, readonly string[]>();
  const none: readonly string[] = Object.freeze([]);
  const workloadIdsOf = (node: Node): readonly string[] => {
    const held = owners[node.index];
    if (held === undefined) return none;
    if (Array.isArray(held)) return held.map((w) => w.id);
    let ids = soleIds.get(held);
    if (!ids) soleIds.set(held, (ids = Object.freeze([held.id])));
    return ids;
  };
  // Shared lists for workloadsAt: a resource's list of several workloads is the one held above.
  const soleLists = new Map<Workload, readonly Workload[]>();
  const noWorkloads: readonly Workload[] = Object.freeze([]);
  const workloadListOf = (node: Node): readonly Workload[] => {
    const held = owners[node.index];
    if (held === undefined) return noWorkloads;
    if (Array.isArray(held)) return held;
    let list = soleLists.get(held);
    if (!list) soleLists.set(held, (list = Object.freeze([held])));
    return list;
  };
  const byId = new Map<string, GroupedWorkload>();
  for (let g = 0; g < grouped.length; g++) byId.set(grouped[g]!.workload.id, grouped[g]!);
  const store = createFactStore(graph, snapshot, workloadIdsOf);
  for (let g = 0; g < grouped.length; g++) grouped[g]!.workload.stateful = store.workloadFacts(grouped[g]!).stateful === true;

  // Callers often ask several questions about one resource in a row (its workloads, then
  // its facts): the last answer is kept, found again when the ref names the same resource.
  let lastType = '';
  let lastId = '';
  let lastAccount = '';
  let lastRegion = '';
  let lastNode: Node | undefined;
  const nodeOf = (ref: RefLike): Node | undefined => {
    if (ref.id === lastId && ref.type === lastType && ref.accountId === lastAccount && ref.region === lastRegion) return lastNode;
    lastNode = graph.find(ref);
    lastType = ref.type;
    lastId = ref.id;
    lastAccount = ref.accountId;
    lastRegion = ref.region;
    return lastNode;
  };
  const ownersOf = (ref: RefLike): Workload | Workload[] | undefined => {
    const node = nodeOf(ref);
    return node ? owners[node.index] : undefined;
  };
  return {
    snapshot,
    workloads,
    resource: (ref: RefLike) => nodeOf(ref)?.resource,
    facts(ref: RefLike): Facts {
      const node = nodeOf(ref);
      return node ? store.facts(node) : {};
    },
    factsAt(type, position) {
      const node = graph.atPosition(type, position);
      return node ? store.facts(node) : {};
    },
    refAt(type, position) {
      const node = graph.atPosition(type, position);
      // A copy listed again maps to the node of its first listing, whose data (and name) may differ.
      return node && node.resource === snapshot.resources[type]?.[position] ? node.ref : undefined;
    },
    workloadsAt(type, position) {
      const node = graph.atPosition(type, position);
      return node ? workloadListOf(node) : noWorkloads;
    },
    membersOf(workloadId) {
      const g = byId.get(workloadId);
      if (!g) return undefined;
      const data = (nodes: readonly Node[]): AwsResource[] => nodes.map((n) => n.resource);
      const members: WorkloadMembers = {
        instances: data(g.instances),
        runningInstances: data(g.running),
        targetGroups: data(g.targetGroups),
        loadBalancers: data(g.loadBalancers),
      };
      if (g.group) members.autoScalingGroup = g.group.resource;
      return members;
    },
    workloadFacts(workloadId: string): Facts {
      const workload = byId.get(workloadId);
      return workload ? store.workloadFacts(workload) : {};
    },
    workloadOf(ref: RefLike) {
      const held = ownersOf(ref);
      return Array.isArray(held) ? held[0] : held;
    },
    workloadsOf(ref: RefLike) {
      const held = ownersOf(ref);
      return held === undefined ? [] : Array.isArray(held) ? [...held] : [held];
    },
    related(ref: RefLike, relation, direction = 'out') {
      const node = nodeOf(ref);
      if (!node) return [];
      return (direction === 'out' ? graph.out(node, relation) : graph.in(node, relation)).map((n) => n.ref);
    },
  };
}
