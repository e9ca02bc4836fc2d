import { describe, expect, it } from 'vitest';
import { keyFrom } from '../../../../src/ui/keymap.js';
import { exportReducer, initialExportState, type ExportAction, type ExportState } from '../../../../src/ui/screens/export/state.js';

const ctx = { rows: 5 };
function run(state: ExportState, ...actions: ExportAction[]) {
  const intents: unknown[] = [];
  for (const action of actions) {
    const step = exportReducer(state, action, ctx);
    if (!step) {
      intents.push('unhandled');
      continue;
    }
    state = step.state;
    if (step.intent) intents.push(step.intent);
  }
  return { state, intents };
}
const key = (id: string): ExportAction => ({ type: 'type', key: keyFrom(id) });

describe('export reducer', () => {
  it('writes straight away when nothing would be overwritten', () => {
    const { state, intents } = run(initialExportState('out'), key('return'), { type: 'checked', existing: [] }, { type: 'written', files: ['out/plan.yaml'] });
    expect(state).toMatchObject({ phase: 'done', force: false, written: ['out/plan.yaml'] });
    expect(intents).toEqual([{ type: 'exported' }]);
  });

  it('asks before overwriting, and writes with force only after yes', () => {
    const asked = run(initialExportState('out'), key('return'), { type: 'checked', existing: ['out/plan.yaml'] });
    expect(asked.state).toMatchObject({ phase: 'confirm', existing: ['out/plan.yaml'] });
    expect(run(asked.state, { type: 'command', command: 'confirm.yes' }).state).toMatchObject({ phase: 'writing', force: true });
    expect(run(asked.state, { type: 'command', command: 'confirm.no' }).state).toMatchObject({ phase: 'input', force: false });
  });

  it('edits the folder, refuses an empty one, and goes back on escape', () => {
    const typed = run(initialExportState('out'), key('ctrl+u'), key('return'));
    expect(typed.state).toMatchObject({ phase: 'input', error: 'Type the folder to write to.' });
    const other = run(initialExportState('out'), key('/'), key('x'), key('return'));
    expect(other.state).toMatchObject({ phase: 'checking', dir: { value: 'out/x' } });
    expect(run(initialExportState('out'), key('escape')).intents).toEqual([{ type: 'back' }]);
  });

  it('shows a failure and lets the folder be changed', () => {
    const failed = run(initialExportState('out'), key('return'), { type: 'failed', message: 'permission denied' });
    expect(failed.state).toMatchObject({ phase: 'failed', error: 'permission denied' });
    expect(run(failed.state, { type: 'command', command: 'nav.open' }).state.phase).toBe('input');
  });

  it('ignores results that arrive in another phase', () => {
    expect(run(initialExportState('out'), { type: 'written', files: ['x'] }).state.phase).toBe('input');
    expect(run(initialExportState('out'), { type: 'checked', existing: ['x'] }).state.phase).toBe('input');
  });

  it('scrolls the list of written files', () => {
    const done = run(initialExportState('out'), key('return'), { type: 'checked', existing: [] }, { type: 'written', files: Array.from({ length: 12 }, (_, i) => `f${i}`) });
    expect(run(done.state, { type: 'command', command: 'nav.bottom' }).state.top).toBe(7);
  });
});
