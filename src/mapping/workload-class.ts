/**
 * The honest HA class of a workload (k8s-mapping.md §0.11): replicable,
 * replicable with shared storage, clustered by the application itself, or a
 * singleton. Replicas are raised only for the first three; a singleton is
 * flagged with its remedy instead of being faked with `replicas: 2`.
 */
import { byDecision, byDefault, fromCatalog } from './aws-fields.js';
import type { AppDefinition, PlanTask, Provenance, WorkloadClass, WorkloadDecision } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

export interface ClassResult {
  class: WorkloadClass;
  kind: 'Deployment' | 'StatefulSet';
  /** Replicas that make this class HA (0 for a singleton's "exactly one"). */
  minReplicas: number;
  provenance: Provenance;
  kindProvenance: Provenance;
  tasks: PlanTask[];
}

/** The chart's spelling of a class (`kubelift.haClass`). */
export const CHART_HA_CLASS: Record<WorkloadClass, string> = {
  replicable: 'replicable',
  'replicable-shared-storage': 'sharedStorage',
  'app-clustered': 'appClustered',
  singleton: 'singleton',
};

function gib(sources: WorkloadSources): string {
  return sources.dataVolumes.map((v) => `${v.volume.ref.id} (${String(v.volume.data.Size ?? '?')} GiB ${String(v.volume.data.VolumeType ?? '')})`.replace(/ \)$/, ')')).join(', ');
}

/** Decides the class and the controller kind of a workload. */
export function classifyWorkload(sources: WorkloadSources, definition: AppDefinition | undefined, decision: WorkloadDecision | undefined): ClassResult {
  const { workload } = sources;
  const durable = sources.dataVolumes.filter((v) => !v.deleteOnTermination);
  const tasks: PlanTask[] = [];
  let cls: WorkloadClass;
  let provenance: Provenance;

  if (decision?.class) {
    cls = decision.class;
    provenance = byDecision(`plan.yaml sets class ${decision.class}`);
  } else if (decision?.replicas !== undefined && decision.replicas < 2) {
    cls = 'singleton';
    provenance = byDecision(`plan.yaml asks for ${decision.replicas} replica, which makes the workload a singleton`);
  } else if (definition) {
    cls = definition.haClass;
    provenance = fromCatalog(definition.id, `${definition.name} is ${definition.haClass === 'singleton' ? 'a single-instance application' : definition.haClass === 'app-clustered' ? 'clustered by the application itself' : 'replicable once its state is external'}`);
  } else if (durable.length > 0 && workload.origin !== 'auto-scaling-group') {
    if (workload.runningInstances.length >= 2) {
      cls = 'app-clustered';
      provenance = byDefault(`${workload.runningInstances.length} instances each keep their own data volume (${gib(sources)}): each replica gets its own volume`);
    } else {
      cls = 'singleton';
      provenance = byDefault(`the instance keeps its data on ${gib(sources)}, an EBS volume bound to one zone and one attachment: more replicas would not share it`);
    }
  } else {
    cls = 'replicable';
    provenance = byDefault(workload.origin === 'auto-scaling-group' ? 'instances of an Auto Scaling group are interchangeable by design' : 'no data volume and no known stateful application: the instance looks stateless');
  }
  // A Deployment chosen for a workload with data volumes shares one ReadWriteMany volume.
  if (decision?.kind === 'Deployment' && durable.length > 0 && (cls === 'app-clustered' || cls === 'replicable') && !decision.class) {
    cls = 'replicable-shared-storage';
    provenance = byDecision('plan.yaml asks for a Deployment while the data lives on a volume: the replicas share it on EFS (ReadWriteMany)');
  }

  let kind: 'Deployment' | 'StatefulSet';
  let kindProvenance: Provenance;
  const hasState = durable.length > 0 || definition?.persistence !== undefined;
  if (decision?.kind) {
    kind = decision.kind;
    kindProvenance = byDecision(`plan.yaml sets kind ${decision.kind}`);
  } else if (cls === 'app-clustered') {
    kind = 'StatefulSet';
    kindProvenance = byDefault('clustered applications need stable identities, a headless Service for peer discovery and one volume per member');
  } else if (cls === 'singleton' && hasState) {
    kind = 'StatefulSet';
    kindProvenance = byDefault('the single pod keeps its data on a persistent volume that follows it');
  } else {
    kind = 'Deployment';
    kindProvenance = byDefault(cls === 'replicable-shared-storage' ? 'replicas share one ReadWriteMany volume' : 'stateless pods are interchangeable');
  }

  const appName = definition?.name ?? workload.name;
  if (cls === 'singleton') {
    const remedy = definition?.remedy
      ?? (durable.length > 0
        ? `Its data lives on ${gib(sources)}, bound to one zone. For high availability move the data to a managed service (Amazon RDS, ElastiCache, OpenSearch) or an operator that replicates it; if it is files that several pods may share, put them on EFS and set class: replicable-shared-storage in plan.yaml.`
        : 'Find out why it cannot run twice (local state, a lock, a licence) and remove that, then set class: replicable in plan.yaml.');
    tasks.push({ id: 'singleton', kind: 'singleton', title: `${appName} stays a single pod: it is not highly available on Kubernetes either`, detail: `Kubernetes restarts it on another node when its node fails (downtime of a reschedule${kind === 'StatefulSet' ? ' and a volume re-attach in the same zone' : ''}). ${remedy}`, blocking: false });
  }
  if (cls === 'app-clustered') {
    tasks.push({
      id: 'app-clustering',
      kind: 'app',
      title: `${appName} must be configured to form a cluster`,
      detail: `The values run ${definition?.minReplicas ?? 3} members in a StatefulSet with a headless Service (<release>-headless) for peer discovery; they only replicate data if the application is configured to find each other through it${definition ? `. The upstream chart ${definition.chart.name} (${definition.chart.repository}) does this for you` : ''}.`,
      blocking: true,
    });
  }
  if (cls === 'replicable-shared-storage') {
    tasks.push({ id: 'shared-storage', kind: 'storage', title: 'Copy the data to EFS before the first rollout', detail: `Replicas share one ReadWriteMany volume (EFS). Copy the data of ${gib(sources) || 'the instance'} to the file system, and make sure the application tolerates several writers.`, blocking: true });
  }

  const minReplicas = cls === 'singleton' ? 1 : cls === 'app-clustered' ? (definition?.minReplicas ?? 3) : Math.max(2, definition?.minReplicas ?? 2);
  return { class: cls, kind, minReplicas, provenance, kindProvenance, tasks };
}
