/**
 * The plans of a whole estate: every workload mapped with its decision, the
 * ones plan.yaml leaves out dropped, sorted by id. Used by `export` and the
 * JSON report; the wizard maps one workload at a time with mapWorkload.
 */
import { mapWorkload } from '../mapping/map-workload.js';
import type { AppDefinition, KubernetesPlan } from '../mapping/types.js';
import type { Model } from '../model/types.js';
import { findingsByWorkload } from '../rules/findings.js';
import type { Finding } from '../rules/types.js';
import { scoreReadiness } from './readiness.js';
import type { PlanFile } from './types.js';

/** Plans every workload the plan file includes (all of them without a plan file). */
export function planEstate(model: Model, findings: readonly Finding[], planFile: PlanFile | undefined, apps: readonly AppDefinition[]): KubernetesPlan[] {
  const byWorkload = findingsByWorkload(findings);
  return [...model.workloads]
    .sort((a, b) => a.id.localeCompare(b.id))
    .filter((w) => planFile?.workloads[w.id]?.include !== false)
    .map((w) => mapWorkload(model, w, byWorkload.get(w.id) ?? [], planFile?.workloads[w.id], planFile?.defaults, { apps }));
}

/** The `kubernetes` summary of a workload in the JSON report. */
export function kubernetesSummary(plan: KubernetesPlan): Record<string, unknown> {
  const readiness = scoreReadiness(plan);
  return {
    kind: plan.kind,
    class: plan.class,
    replicas: plan.replicas,
    autoscaling: plan.autoscaling,
    ...(plan.app
      ? { app: { id: plan.app.id, name: plan.app.name, evidence: plan.app.evidence, chart: plan.app.chart, haValues: plan.app.haValues, ...(plan.app.remedy ? { remedy: plan.app.remedy } : {}) } }
      : {}),
    readiness: { score: readiness.score, label: readiness.label, reasons: readiness.reasons },
    todo: (plan.tasks ?? []).map((t) => ({ kind: t.kind, title: t.title, detail: t.detail, blocking: t.blocking })),
    warnings: plan.warnings ?? [],
  };
}
