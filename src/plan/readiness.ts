/**
 * Migration readiness: a 0–100 score per workload and what lowers it, so the
 * wizard and the export README can order the work. The score comes from the
 * plan's tasks (each kind of work counted once, blocking work weighing more)
 * and its lossy conversions; it says how much a person must do before the
 * generated values can go live, not how risky the workload is today.
 */
import type { PlanOutline, PlanTask } from '../mapping/types.js';

export interface Deduction {
  points: number;
  reason: string;
}

export interface ReadinessScore {
  /** 0–100. */
  score: number;
  /** `ready` (80+), `needs work` (50–79) or `blocked` (below 50). */
  label: 'ready' | 'needs work' | 'blocked';
  /** What lowers the score, most important first (one line each). */
  reasons: string[];
  deductions: Deduction[];
}

/** Points a kind of work costs when it blocks the migration. */
const BLOCKING_WEIGHT: Record<PlanTask['kind'], number> = {
  state: 25,
  singleton: 20,
  image: 15,
  app: 10,
  storage: 10,
  review: 10,
  identity: 5,
  network: 5,
  secrets: 5,
};
/** Singletons stay single: that weighs even though it does not block. */
const NON_BLOCKING_WEIGHT: Partial<Record<PlanTask['kind'], number>> = { singleton: 20, review: 3, storage: 3 };
/** Suggestions and routine steps that say nothing about readiness. */
const FREE_TASKS = new Set(['upstream-chart']);
const WARNING_POINTS = 2;
const MAX_WARNING_POINTS = 10;

/** Scores how ready a workload's plan is to go live. */
export function scoreReadiness(plan: PlanOutline): ReadinessScore {
  const deductions: Deduction[] = [];
  const byKind = new Map<PlanTask['kind'], PlanTask[]>();
  for (const task of plan.tasks ?? []) {
    if (FREE_TASKS.has(task.id)) continue;
    const tasks = byKind.get(task.kind);
    if (tasks) tasks.push(task);
    else byKind.set(task.kind, [task]);
  }
  for (const [kind, tasks] of byKind) {
    const blocking = tasks.some((t) => t.blocking);
    const points = blocking ? BLOCKING_WEIGHT[kind] : (NON_BLOCKING_WEIGHT[kind] ?? 0);
    if (points > 0) deductions.push({ points, reason: tasks.map((t) => t.title).join('; ') });
  }
  const warnings = plan.warnings ?? [];
  if (warnings.length > 0) {
    deductions.push({ points: Math.min(MAX_WARNING_POINTS, warnings.length * WARNING_POINTS), reason: `${warnings.length} lossy conversion${warnings.length === 1 ? '' : 's'} to review` });
  }
  deductions.sort((a, b) => b.points - a.points || a.reason.localeCompare(b.reason));
  const score = Math.max(0, 100 - deductions.reduce((sum, d) => sum + d.points, 0));
  return {
    score,
    label: score >= 80 ? 'ready' : score >= 50 ? 'needs work' : 'blocked',
    reasons: deductions.map((d) => `−${d.points} ${d.reason}`),
    deductions,
  };
}
