/**
 * The overview's view model. Readiness needs every workload's plan, which on
 * a large estate takes longer than a frame: the shell plans them in the
 * background and the summary counts what is done so far, so the line fills
 * in while the keys stay responsive.
 */
import { useMemo } from 'react';
import type { WorkloadDecision } from '../../../plan/types.js';
import type { WizardData } from '../../data.js';
import type { Derive } from '../../derive.js';
import { overviewRows, type OverviewRow } from './model.js';

export interface ReadinessSummary {
  scored: number;
  total: number;
  /** Workloads per readiness label, most common first. */
  labels: { label: string; count: number }[];
  average: number | undefined;
  /** Workloads whose plan could not be made. */
  failed: number;
}

/** The readiness summary over the workloads planned so far. */
export function summarizeReadiness(data: WizardData, derive: Derive, decisions: Record<string, WorkloadDecision>): ReadinessSummary {
  const labels = new Map<string, number>();
  let sum = 0;
  let n = 0;
  let failed = 0;
  let scored = 0;
  for (const w of data.workloads) {
    const insight = derive.peek(w.id, decisions[w.id]);
    if (!insight) continue;
    scored++;
    if (insight.error) failed++;
    const r = insight.readiness;
    if (!r) continue;
    labels.set(r.label, (labels.get(r.label) ?? 0) + 1);
    sum += r.score;
    n++;
  }
  return { scored, total: data.workloads.length, labels: [...labels].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1)), average: n ? sum / n : undefined, failed };
}

/** `version` changes when background planning has new insights. */
export function useReadinessSummary(data: WizardData, derive: Derive, decisions: Record<string, WorkloadDecision>, version: number): ReadinessSummary {
  // `version` is a dependency on purpose: the summary reads insights that background planning adds.
  return useMemo(() => summarizeReadiness(data, derive, decisions), [data, derive, decisions, version]);
}

export function useOverviewRows(data: WizardData, width: number, decided: number): OverviewRow[] {
  return useMemo(() => overviewRows(data, width, decided), [data, width, decided]);
}
