/**
 * A workload's Kubernetes plan: the Helm values for charts/kubelift-app, and
 * for every value the AWS field (or the default, or the decision) it came from.
 */
import type { ResourceRef } from '../model/types.js';

/** Where a planned value came from. */
export interface Provenance {
  source: 'aws' | 'default' | 'decision' | 'app-catalog';
  /** The AWS resource the value was read from (source 'aws'). */
  resource?: ResourceRef;
  /** The AWS field, as the API names it (e.g. `HealthCheckPath`, `DesiredCapacity`). */
  field?: string;
  /** One sentence: why this value (the rule applied, the default and its reason). */
  reason: string;
}

/** How honest HA is for a workload (k8s-mapping.md §0.11). */
export type WorkloadClass = 'replicable' | 'replicable-shared-storage' | 'app-clustered' | 'singleton';

export const WORKLOAD_CLASSES: readonly WorkloadClass[] = ['replicable', 'replicable-shared-storage', 'app-clustered', 'singleton'];

/** A well-known application recognised from AWS-only signals. */
export interface DetectedApp {
  id: string;
  name: string;
  /** Signals that matched, for people ("health check path /ping", "AMI name contains redash"). */
  evidence: string[];
  chart: { repository: string; name: string; version?: string };
  /** Values for the upstream chart that make it HA. */
  haValues: Record<string, unknown>;
  traits: { singleton: boolean; clusterable: boolean; bundledState: string[] };
  notes: string[];
  /** Sum of the weights of the matched signals (detection needs the catalog entry's threshold). */
  score?: number;
  /** The class the catalog gives the application. */
  haClass?: Exclude<WorkloadClass, 'replicable-shared-storage'>;
  /** What makes it highly available instead (managed service, operator, upstream clustering). */
  remedy?: string;
  /** The upstream container image, as a hint for the image to use or build. */
  image?: string;
}

/** One signal of a catalog entry: what to look at and how much a match counts. */
export interface AppSignal {
  /**
   * `name`: names of the workload, its group, instances, load balancers, target groups and security groups;
   * `tag`: tag values (optionally only of keys matching `tagKey`); `ami`: the AMI's name and description;
   * `port`: target group, listener and security-group ingress ports; `health-check-path`: target group and
   * classic ELB health check paths; `data-volume`: the instances have EBS data volumes.
   */
  kind: 'name' | 'tag' | 'ami' | 'port' | 'health-check-path' | 'data-volume';
  /** A case-insensitive regular expression (name, tag, ami, health-check-path). */
  pattern?: string;
  /** For `tag`: a case-insensitive regular expression the tag key must match (any key when absent). */
  tagKey?: string;
  /** For `port`. */
  port?: number;
  weight: number;
}

/** One application of the known-application catalog (apps/<id>.yaml). */
export interface AppDefinition {
  id: string;
  name: string;
  description?: string;
  signals: AppSignal[];
  /** Detected when the matched weights add up to at least this (default 50). */
  threshold?: number;
  haClass: Exclude<WorkloadClass, 'replicable-shared-storage'>;
  /** Replicas the application needs to be HA (app-clustered quorum); default 3 for app-clustered, 2 otherwise. */
  minReplicas?: number;
  /** The port the application serves on, used when no load balancer says so. */
  port?: number;
  /** What the application speaks on that port (default TCP). */
  protocol?: 'HTTP' | 'HTTPS' | 'TCP';
  /** Other ports the application serves (agents, cluster traffic), named as container ports. */
  extraPorts?: { name: string; port: number }[];
  /** Health endpoints that differ from the load balancer check (liveness never equals readiness). */
  probes?: { readinessPath?: string; livenessPath?: string };
  /** Where the application keeps its state on disk, when it has to be persisted. */
  persistence?: { mountPath: string; size?: string };
  /** State the usual all-in-one install keeps on the box, that must move out before replicas are added. */
  bundledState: string[];
  chart: { repository: string; name: string; version?: string };
  haValues: Record<string, unknown>;
  remedy?: string;
  image?: string;
  notes: string[];
  /** The catalog file it came from (set by the loader). */
  file?: string;
}

/** Something a person must do before or during the migration. */
export interface PlanTask {
  /** Stable within a plan: `<kind>` or `<kind>:<detail id>`. */
  id: string;
  kind: 'image' | 'state' | 'singleton' | 'app' | 'identity' | 'storage' | 'network' | 'secrets' | 'review';
  /** One line. */
  title: string;
  /** What exactly to do, and why. */
  detail: string;
  /** Blocks the migration (must be done before traffic moves) rather than improves it. */
  blocking: boolean;
}

/** A StorageClass the exported values refer to; it is cluster-scoped, so a person creates it once. */
export interface StorageClassSpec {
  name: string;
  provisioner: 'ebs.csi.aws.com' | 'efs.csi.aws.com';
  parameters: Record<string, string>;
  reclaimPolicy: 'Retain' | 'Delete';
  volumeBindingMode: 'WaitForFirstConsumer' | 'Immediate';
  allowVolumeExpansion: boolean;
}

/** The plan for one workload. */
export interface KubernetesPlan {
  workloadId: string;
  workloadName: string;
  kind: 'Deployment' | 'StatefulSet';
  class: WorkloadClass;
  /** Replicas when the HPA is off; the HPA minimum when it is on. */
  replicas: number;
  autoscaling: { enabled: boolean; minReplicas?: number; maxReplicas?: number };
  /** The Helm values tree for charts/kubelift-app. */
  values: Record<string, unknown>;
  /** Provenance per dotted values path (`replicaCount`, `readinessProbe.httpGet.path`, …). */
  provenance: Record<string, Provenance>;
  /** What a person must still do (build the image, move the database first, …). */
  todo: string[];
  app?: DetectedApp;
  // The fields below were added after the first contract; mapWorkload always sets them, they are
  // optional only so that hand-built plans in other parts' tests keep compiling.
  /** The same work as `todo`, structured (the README and the wizard group them by kind). */
  tasks?: PlanTask[];
  /** Lossy conversions the reviewer must look at; also written to `kubelift.warnings`. */
  warnings?: string[];
  /** The AWS resources the plan was derived from. */
  sources?: ResourceRef[];
  /** StorageClasses the values refer to. */
  storageClasses?: StorageClassSpec[];
  /** Ids of the findings on the workload, and whether any marks a single point of failure today. */
  findingIds?: string[];
  spofToday?: boolean;
  /** True when the plan came with a recorded decision (plan.yaml). */
  decided?: boolean;
}

/** A plan without its values and their provenance: what summaries and readiness scores read. */
export type PlanOutline = Omit<KubernetesPlan, 'values' | 'provenance'>;

/** What mapping needs beyond the model: the parsed known-application catalog. */
export interface MappingOptions {
  apps?: readonly AppDefinition[];
}

/**
 * A decision about one workload, as recorded in plan.yaml; an absent field keeps
 * kubelift's default. Defined here because mapping applies it; src/plan/types.ts
 * re-exports it for the file format.
 */
export interface WorkloadDecision {
  include?: boolean;
  replicas?: number;
  kind?: 'Deployment' | 'StatefulSet';
  autoscaling?: { enabled: boolean; minReplicas?: number; maxReplicas?: number };
  ingressClass?: string;
  image?: { repository: string; tag?: string };
  /** Free text: why the decision was made. */
  note?: string;
  /** Overrides the detected HA class (e.g. replicable-shared-storage once the data moved to EFS). */
  class?: WorkloadClass;
}

/** Estate-wide defaults of plan.yaml. */
export interface PlanDefaults {
  ingressClass?: string;
}
