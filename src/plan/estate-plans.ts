/**
 * The plans of a whole estate: every workload mapped with its decision, the
 * ones plan.yaml leaves out dropped, sorted by id. Used by `export` and the
 * JSON report; the wizard maps one workload at a time with mapWorkload.
 */
import { mapWorkload, summaryOutline } from '../mapping/map-workload.js';
import type { AppDefinition, KubernetesPlan, PlanOutline } from '../mapping/types.js';
import type { Model } from '../model/types.js';
import { findingsByWorkload } from '../rules/findings.js';
import type { Finding } from '../rules/types.js';
import { scoreReadiness } from './readiness.js';
import type { PlanFile } from './types.js';

/** Plans every workload the plan file includes (all of them without a plan file). */
export function planEstate(model: Model, findings: readonly Finding[], planFile: PlanFile | undefined, apps: readonly AppDefinition[]): KubernetesPlan[] {
  return [...estatePlans(model, findings, planFile, apps)];
}

/**
 * The plans of planEstate, one at a time: a writer that takes them in turn
 * never holds every plan of a large estate at once.
 */
export function* estatePlans(model: Model, findings: readonly Finding[], planFile: PlanFile | undefined, apps: readonly AppDefinition[]): Generator<KubernetesPlan> {
  const byWorkload = findingsByWorkload(findings);
  const included = [...model.workloads].sort((a, b) => a.id.localeCompare(b.id)).filter((w) => planFile?.workloads[w.id]?.include !== false);
  for (const w of included) yield mapWorkload(model, w, byWorkload.get(w.id) ?? [], planFile?.workloads[w.id], planFile?.defaults, { apps });
}

/**
 * The report's `kubernetes` summary of every workload, by id, as kubernetesSummary
 * gives it for the workload's plan. Each workload is outlined, summarised and
 * dropped in turn: the report needs no values, and no estate-wide list of plans.
 * A summary shows no findings, so none are needed.
 */
export function kubernetesSummaries(model: Model, apps: readonly AppDefinition[]): Map<string, Record<string, unknown>> {
  const summaries = new Map<string, Record<string, unknown>>();
  const options = { apps };
  for (const w of model.workloads) summaries.set(w.id, kubernetesSummary(summaryOutline(model, w, options)));
  return summaries;
}

/** The `kubernetes` summary of a workload in the JSON report. */
export function kubernetesSummary(plan: PlanOutline): Record<string, unknown> {
  const { kind, class: cls, replicas, autoscaling, app } = plan;
  const scored = scoreReadiness(plan);
  const readiness = { score: scored.score, label: scored.label, reasons: scored.reasons };
  const todo = (plan.tasks ?? []).map((t) => ({ kind: t.kind, title: t.title, detail: t.detail, blocking: t.blocking }));
  const warnings = plan.warnings ?? [];
  // Two literals rather than one with a spread `app`: a summary per workload, each built in one go.
  if (!app) return { kind, class: cls, replicas, autoscaling, readiness, todo, warnings };
  const summary = { id: app.id, name: app.name, evidence: app.evidence, chart: app.chart, haValues: app.haValues, ...(app.remedy ? { remedy: app.remedy } : {}) };
  return { kind, class: cls, replicas, autoscaling, app: summary, readiness, todo, warnings };
}
