/**
 * plan.yaml: the decisions an SRE made about the migration, readable and
 * reviewable. Written by the wizard, read by `plan --plan` and `export --plan`.
 * The format is documented in docs/plan.md and validated by docs/schemas/plan.schema.json.
 */
import type { PlanDefaults, WorkloadDecision } from '../mapping/types.js';

export type { PlanDefaults, WorkloadDecision } from '../mapping/types.js';

export const PLAN_FILE_VERSION = 1 as const;

export interface PlanFile {
  version: typeof PLAN_FILE_VERSION;
  /** Which snapshot the decisions were made on (informative; a mismatch is a warning). */
  snapshot?: { generatedAt?: string; accounts?: string[]; regions?: string[] };
  defaults?: PlanDefaults;
  /** Keyed by workload id. */
  workloads: Record<string, WorkloadDecision>;
}
