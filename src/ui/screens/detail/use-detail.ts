/** The detail screen's view model for the workload in focus. */
import { useMemo } from 'react';
import type { WorkloadDecision } from '../../../plan/types.js';
import type { WizardData } from '../../data.js';
import type { Derive } from '../../derive.js';
import { detailModel, type DetailModel } from './model.js';

export function useDetail(data: WizardData, derive: Derive, id: string, decision: WorkloadDecision | undefined, width: number): DetailModel {
  return useMemo(() => detailModel(data, derive, id, decision, width), [data, derive, id, decision, width]);
}
