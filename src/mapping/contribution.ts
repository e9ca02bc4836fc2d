/** What one mapping concern hands to map-workload.ts: values with provenance, tasks and warnings. */
import type { PlanTask } from './types.js';
import type { Assignment } from './values-builder.js';

export interface Contribution {
  values: Assignment[];
  tasks?: PlanTask[];
  warnings?: string[];
}

/** An empty contribution, to add to. */
export function contribution(): Required<Contribution> {
  return { values: [], tasks: [], warnings: [] };
}
