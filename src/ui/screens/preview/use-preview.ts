/** The preview's view model: the values text with changed lines marked. */
import { useMemo } from 'react';
import type { WorkloadDecision } from '../../../plan/types.js';
import type { Derive } from '../../derive.js';
import { previewModel, type PreviewModel } from './model.js';

export function usePreview(derive: Derive, id: string, decision: WorkloadDecision | undefined): PreviewModel {
  return useMemo(() => previewModel(derive, id, decision), [derive, id, decision]);
}
