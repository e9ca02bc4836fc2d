/**
 * Export: type a folder, see what would be overwritten and confirm, write,
 * then list what was written. The writing itself is a callback run by the
 * screen's hook; this reducer only moves between the phases.
 */
import type { Step } from '../../intent.js';
import { isCommand, type Command, type KeyPress } from '../../keymap.js';
import { isMovement, scrollBy } from '../../scroll.js';
import { editText, textField, type TextField } from '../../text-edit.js';

export type ExportPhase = 'input' | 'checking' | 'confirm' | 'writing' | 'done' | 'failed';

export interface ExportState {
  phase: ExportPhase;
  dir: TextField;
  /** Files that would be overwritten (phase confirm). */
  existing: string[];
  /** True once overwriting was confirmed. */
  force: boolean;
  written: string[];
  error: string | undefined;
  top: number;
}

export type ExportAction =
  | { type: 'command'; command: Command }
  | { type: 'type'; key: KeyPress }
  | { type: 'checked'; existing: string[] }
  | { type: 'written'; files: string[] }
  | { type: 'failed'; message: string };

export interface ExportContext {
  rows: number;
}

export function initialExportState(dir: string): ExportState {
  return { phase: 'input', dir: textField(dir), existing: [], force: false, written: [], error: undefined, top: 0 };
}

export function exportReducer(state: ExportState, action: ExportAction, ctx: ExportContext): Step<ExportState> | undefined {
  switch (action.type) {
    case 'type': {
      if (state.phase !== 'input') return { state };
      if (isCommand(action.key, 'edit.cancel')) return { state, intent: { type: 'back' } };
      if (isCommand(action.key, 'edit.accept')) {
        if (state.dir.value.trim() === '') return { state: { ...state, error: 'Type the folder to write to.' } };
        return { state: { ...state, phase: 'checking', error: undefined, force: false, existing: [] } };
      }
      const dir = editText(state.dir, action.key);
      return { state: dir ? { ...state, dir, error: undefined } : state };
    }
    case 'checked':
      if (state.phase !== 'checking') return { state };
      return { state: action.existing.length > 0 ? { ...state, phase: 'confirm', existing: action.existing } : { ...state, phase: 'writing' } };
    case 'written':
      if (state.phase !== 'writing') return { state };
      return { state: { ...state, phase: 'done', written: action.files, top: 0 }, intent: { type: 'exported' } };
    case 'failed':
      return { state: { ...state, phase: 'failed', error: action.message } };
    case 'command':
      break;
  }
  const { command } = action;
  if (state.phase === 'confirm') {
    if (command === 'confirm.yes') return { state: { ...state, phase: 'writing', force: true } };
    if (command === 'confirm.no') return { state: { ...state, phase: 'input', existing: [] } };
    return { state };
  }
  if (state.phase === 'done' && isMovement(command)) return { state: { ...state, top: scrollBy(state.top, state.written.length, ctx.rows, command) } };
  if (state.phase === 'failed' && (command === 'nav.open' || command === 'app.back')) return { state: { ...state, phase: 'input' } };
  return undefined;
}
