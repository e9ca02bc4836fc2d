/** The workload list's view model: the visible window of rows with what their plans say. */
import { useEffect, useMemo } from 'react';
import type { WorkloadDecision } from '../../../plan/types.js';
import type { WizardData, WorkloadSummary } from '../../data.js';
import type { Derive, WorkloadInsight } from '../../derive.js';
import type { InsightQueue } from '../../insights.js';
import { listRows, type TerminalSize } from '../../layout.js';
import { follow } from '../../scroll.js';
import type { WorkloadsState } from './state.js';

export interface WorkloadRowModel {
  summary: WorkloadSummary;
  /** Undefined until the workload is planned in the background. */
  insight: WorkloadInsight | undefined;
  decided: boolean;
}

export interface WorkloadsModel {
  total: number;
  shown: number;
  top: number;
  /** Index of the selected row within `rows`. */
  selected: number;
  rows: WorkloadRowModel[];
}

export function workloadsModel(state: WorkloadsState, data: WizardData, derive: Derive, decisions: Record<string, WorkloadDecision>, size: TerminalSize): WorkloadsModel {
  const list = derive.visible(state.filter.value, state.sort, decisions);
  const index = Math.max(0, derive.indexIn(list, state.selectedId));
  const rows = listRows(size);
  // The stored scroll position may be stale after a resize: keep the selection in view.
  const top = follow(state.top, index, rows, list.length);
  const window = list.slice(top, top + rows).flatMap((id) => {
    const summary = data.summary(id);
    return summary ? [{ summary, insight: derive.peek(id, decisions[id]), decided: decisions[id] !== undefined }] : [];
  });
  return { total: data.workloads.length, shown: list.length, top, selected: index - top, rows: window };
}

/** The model for the frame; `version` changes when background planning has new insights. Asks for the rows on screen to be planned first. */
export function useWorkloads(state: WorkloadsState, data: WizardData, derive: Derive, decisions: Record<string, WorkloadDecision>, size: TerminalSize, queue: InsightQueue | undefined, version: number): WorkloadsModel {
  // `version` is a dependency on purpose: the model reads insights that background planning adds.
  const model = useMemo(() => workloadsModel(state, data, derive, decisions, size), [state, data, derive, decisions, size, version]);
  const missing = model.rows.filter((r) => !r.insight).map((r) => r.summary.id);
  const key = missing.join('\n');
  useEffect(() => {
    if (missing.length > 0) queue?.want(missing, decisions);
  }, [key, queue, decisions]);
  return model;
}
