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
}
