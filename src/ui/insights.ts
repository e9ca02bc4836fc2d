/**
 * Plans workloads in the background, a few milliseconds at a time, so the
 * keys never wait for the mapping: the rows on screen first, then every other
 * workload (the overview's readiness summary and the readiness and class
 * sorts need them all). Plain data and a step function; the shell runs it
 * between frames.
 */
import type { WorkloadDecision } from '../plan/types.js';
import type { WizardData } from './data.js';
import type { Derive } from './derive.js';

export interface InsightQueue {
  /** Puts these workloads first (the rows on screen), with the decisions in force. */
  want(ids: readonly string[], decisions: Record<string, WorkloadDecision>): void;
  /** Plans until the budget is spent; returns true while work is left. */
  step(budgetMs: number): boolean;
  /** Workloads planned with the decisions in force, of all. */
  progress(): { done: number; total: number };
  /** Called when work is added, so an idle runner starts again. */
  onWork(listener: () => void): () => void;
}

export function createInsightQueue(data: WizardData, derive: Derive): InsightQueue {
  let decisions: Record<string, WorkloadDecision> = {};
  let urgent: string[] = [];
  // The sweep over every workload, in id order; restarted when decisions change.
  let sweep = 0;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((l) => l());

  const next = (): string | undefined => {
    while (urgent.length > 0) {
      const id = urgent.shift() as string;
      if (!derive.peek(id, decisions[id])) return id;
    }
    while (sweep < data.workloads.length) {
      const id = (data.workloads[sweep++] as { id: string }).id;
      if (!derive.peek(id, decisions[id])) return id;
    }
    return undefined;
  };

  return {
    want(ids, now) {
      if (now !== decisions) {
        decisions = now;
        sweep = 0;
      }
      const missing = ids.filter((id) => !derive.peek(id, decisions[id]));
      if (missing.length === 0 && sweep >= data.workloads.length) return;
      urgent = [...missing, ...urgent.filter((id) => !missing.includes(id))];
      notify();
    },
    step(budgetMs) {
      const start = performance.now();
      for (;;) {
        const id = next();
        if (id === undefined) return false;
        derive.insight(id, decisions[id]);
        if (performance.now() - start >= budgetMs) return true;
      }
    },
    progress() {
      let done = 0;
      for (const w of data.workloads) if (derive.peek(w.id, decisions[w.id])) done++;
      return { done, total: data.workloads.length };
    },
    onWork(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
