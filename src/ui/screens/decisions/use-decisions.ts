/** The decisions screen's view model: each field's value, default and reason for the workload in focus. */
import { useMemo } from 'react';
import type { WorkloadDecision } from '../../../plan/types.js';
import type { Derive } from '../../derive.js';
import { fieldViews, type FieldContext, type FieldView } from './fields.js';

export interface DecisionsModel {
  fields: FieldView[];
  error: string | undefined;
}

/** The plans a workload's decisions are read from and checked against. */
export function fieldContext(derive: Derive, id: string, decision: WorkloadDecision | undefined): FieldContext | { error: string } {
  const base = derive.plan(id, undefined);
  if (!base.plan) return { error: base.error };
  const current = derive.plan(id, decision);
  if (!current.plan) return { error: current.error };
  return { base: base.plan, current: current.plan, decision, planWith: (d) => derive.plan(id, d).plan };
}

export function decisionsModel(derive: Derive, id: string, decision: WorkloadDecision | undefined): DecisionsModel {
  const ctx = fieldContext(derive, id, decision);
  if ('error' in ctx) return { fields: [], error: ctx.error };
  return { fields: fieldViews(ctx), error: undefined };
}

export function useDecisions(derive: Derive, id: string, decision: WorkloadDecision | undefined): DecisionsModel {
  return useMemo(() => decisionsModel(derive, id, decision), [derive, id, decision]);
}
