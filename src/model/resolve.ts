/**
 * The resolver: snapshot in, model out. Links the graph, groups workloads and
 * hands out facts. Pure: the same snapshot always gives the same model.
 */
import type { Snapshot } from '../snapshot/types.js';
import { createFactStore } from './facts.js';
import { buildGraph } from './graph.js';
import { refKey, type Facts, type Model, type ResourceRef, type Workload } from './types.js';
import { groupWorkloadNodes } from './workloads.js';

type RefLike = Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>;

/** Resolves a snapshot into the model every later step reads. */
export function resolve(snapshot: Snapshot): Model {
  const graph = buildGraph(snapshot);
  const grouped = groupWorkloadNodes(graph);
  const workloads = grouped.map((g) => g.workload);

  // A resource may serve several workloads (a shared load balancer or security group).
  const owners = new Map<string, Workload[]>();
  for (const { workload, resources } of grouped) {
    for (const node of resources) {
      const list = owners.get(node.key);
      if (list) list.push(workload);
      else owners.set(node.key, [workload]);
    }
  }
  const byId = new Map(grouped.map((g) => [g.workload.id, g]));
  const store = createFactStore(graph, snapshot, (key) => (owners.get(key) ?? []).map((w) => w.id));
  for (const g of grouped) g.workload.stateful = store.workloadFacts(g).stateful === true;

  return {
    snapshot,
    workloads,
    resource: (ref: RefLike) => graph.node(refKey(ref))?.resource,
    facts(ref: RefLike): Facts {
      const node = graph.node(refKey(ref));
      return node ? store.facts(node) : {};
    },
    workloadFacts(workloadId: string): Facts {
      const workload = byId.get(workloadId);
      return workload ? store.workloadFacts(workload) : {};
    },
    workloadOf: (ref: RefLike) => owners.get(refKey(ref))?.[0],
    workloadsOf: (ref: RefLike) => [...(owners.get(refKey(ref)) ?? [])],
    related(ref: RefLike, relation, direction = 'out') {
      const key = refKey(ref);
      return (direction === 'out' ? graph.out(key, relation) : graph.in(key, relation)).map((n) => n.ref);
    },
  };
}
