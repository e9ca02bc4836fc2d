/**
 * Runs the export's file work when the reducer reaches a phase that needs it
 * (checking what exists, writing) and reports the outcome back as actions.
 * The callbacks come from the command, so the wizard itself stays offline.
 */
import { useEffect } from 'react';
import type { PlanFile } from '../../../plan/types.js';
import type { WizardIo } from '../../data.js';
import type { ExportAction, ExportState } from './state.js';

/** The message to show for a failure: the error's own words and, when it has one, its hint. */
export function failureText(error: unknown): string {
  if (error instanceof Error) {
    const hint = (error as Error & { hint?: unknown }).hint;
    return typeof hint === 'string' && hint ? `${error.message} (${hint})` : error.message;
  }
  return String(error);
}

export function useExport(state: ExportState, io: WizardIo, plan: () => PlanFile, dispatch: (action: ExportAction) => void): void {
  const { phase } = state;
  const dir = state.dir.value.trim();
  const force = state.force;
  useEffect(() => {
    if (phase !== 'checking' && phase !== 'writing') return;
    let live = true;
    const work = phase === 'checking' ? io.existing(dir, plan()).then((existing): ExportAction => ({ type: 'checked', existing })) : io.write(dir, plan(), { force }).then((files): ExportAction => ({ type: 'written', files }));
    work.then(
      (action) => live && dispatch(action),
      (error: unknown) => live && dispatch({ type: 'failed', message: failureText(error) }),
    );
    return () => {
      live = false;
    };
    // The work runs once per phase entered; the plan and folder are read at that moment.
  }, [phase]);
}
