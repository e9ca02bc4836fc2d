/** Rules and what evaluating them gives. */
import type { ResourceType } from '../snapshot/types.js';
import type { ResourceRef } from '../model/types.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A rule as loaded from its YAML file. */
export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  spof: boolean;
  /** A resource type, or 'workload'. */
  resourceType: ResourceType | 'workload';
  applies?: string;
  condition: string;
  message: string;
  rationale?: string;
  kubernetes: { equivalent: string; remediation?: string };
  remediation?: string;
  references: string[];
  /** The file the rule came from. */
  file: string;
}

/** The outcome of one rule on one resource. */
export type RuleStatus = 'fires' | 'passes' | 'not-applicable' | 'error' | 'unknown';

export interface RuleResult {
  ruleId: string;
  status: RuleStatus;
  resource: ResourceRef;
  workloadId?: string;
  /** The rendered message (fires), the evaluation error (error) or the coverage gap (unknown). */
  detail?: string;
}

/** A rule that fired on a resource: what the report lists. */
export interface Finding {
  /** Stable: `<ruleId>:<resource type short>:<resource id>` (hashed when long). */
  id: string;
  ruleId: string;
  title: string;
  severity: Severity;
  spof: boolean;
  resource: ResourceRef;
  workloadId?: string;
  /** Every workload the resource serves, sorted, when it serves more than one (a shared load balancer); `workloadId` is the first. */
  workloadIds?: string[];
  message: string;
  kubernetes: { equivalent: string; remediation?: string };
  remediation?: string;
}
