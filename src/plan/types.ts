/**
 * plan.yaml: the decisions an SRE made about the migration, readable and
 * reviewable. Written by the wizard, read by `plan --plan` and `export --plan`.
 */

export const PLAN_FILE_VERSION = 1 as const;

/** A decision about one workload; an absent field keeps kubelift's default. */
export interface WorkloadDecision {
  include?: boolean;
  replicas?: number;
  kind?: 'Deployment' | 'StatefulSet';
  autoscaling?: { enabled: boolean; minReplicas?: number; maxReplicas?: number };
  ingressClass?: string;
  image?: { repository: string; tag?: string };
  /** Free text: why the decision was made. */
  note?: string;
}

export interface PlanFile {
  version: typeof PLAN_FILE_VERSION;
  /** Which snapshot the decisions were made on (informative; a mismatch is a warning). */
  snapshot?: { generatedAt?: string; accounts?: string[]; regions?: string[] };
  defaults?: { ingressClass?: string };
  /** Keyed by workload id. */
  workloads: Record<string, WorkloadDecision>;
}
