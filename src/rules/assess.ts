/**
 * The whole assessment in one call: resolve the snapshot into workloads and
 * facts, evaluate the rules, and name the workloads that are single points of
 * failure. `assess`, `export` and the wizard all start here.
 */
import type { Reporter } from '../events/types.js';
import { resolve } from '../model/resolve.js';
import type { Model } from '../model/types.js';
import type { Snapshot } from '../snapshot/types.js';
import { evaluateRules, withResults } from './evaluate.js';
import type { Finding, Rule, RuleResult, RuleStatus } from './types.js';

export interface Assessment {
  model: Model;
  /** Every result; listed on first read (a large estate has millions), so prefer `checks` and `undetermined`. */
  results: RuleResult[];
  /** How many results have each status. */
  checks?: Record<RuleStatus, number>;
  /** The `error` and `unknown` results, in the order of `results`. */
  undetermined?: RuleResult[];
  /** Sorted worst first (see findings.ts). */
  findings: Finding[];
  /** Ids of the workloads with at least one SPOF finding. */
  spofWorkloads: Set<string>;
  /** The rules that were evaluated (reports describe them). */
  rules?: Rule[];
}

/** Resolves a snapshot and evaluates the rules on it. Pure apart from the events it emits. */
export function assessSnapshot(snapshot: Snapshot, rules: Rule[], options: { reporter?: Reporter } = {}): Assessment {
  const model = resolve(snapshot);
  options.reporter?.emit({ level: 'info', code: 'model.workloads', count: model.workloads.length });
  return assessModel(model, rules, options);
}

/** Evaluates the rules on an already resolved estate. */
export function assessModel(model: Model, rules: Rule[], options: { reporter?: Reporter } = {}): Assessment {
  const evaluation = evaluateRules(model, rules, options);
  const { findings, checks, undetermined } = evaluation;
  return withResults({ model, findings, spofWorkloads: spofWorkloadsOf(findings), rules, checks, undetermined }, () => evaluation.results);
}

/** A workload is a single point of failure when any of its findings is. */
export function spofWorkloadsOf(findings: readonly Finding[]): Set<string> {
  const ids = new Set<string>();
  // An indexed loop: this runs once over a long list, and until the optimizing compiler steps in each step of a for…of allocates.
  for (let f = 0; f < findings.length; f++) {
    const finding = findings[f]!;
    if (!finding.spof) continue;
    if (finding.workloadId !== undefined) ids.add(finding.workloadId);
    const shared = finding.workloadIds;
    if (shared) for (let w = 0; w < shared.length; w++) ids.add(shared[w]!);
  }
  return ids;
}
