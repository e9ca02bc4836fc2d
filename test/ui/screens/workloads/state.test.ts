import { describe, expect, it } from 'vitest';
import { createDerive } from '../../../../src/ui/derive.js';
import { keyFrom, type Command } from '../../../../src/ui/keymap.js';
import { initialWorkloadsState, selectedIndex, workloadsReducer, type WorkloadsContext, type WorkloadsState } from '../../../../src/ui/screens/workloads/state.js';
import { fixtureData, fixtureServices, largeInput } from '../../fixtures.js';
import { prepareWizardData } from '../../../../src/ui/data.js';

function context(rows = 2, data = fixtureData()): WorkloadsContext {
  const derive = createDerive(data, fixtureServices());
  // Plan-based sorts read insights planned in the background; here they are all planned up front.
  if (data.workloads.length < 100) for (const w of data.workloads) derive.insight(w.id, undefined);
  return { visible: (q, s) => derive.visible(q, s, {}), indexIn: derive.indexIn, isSpof: (id) => data.summary(id)?.spof ?? false, rows };
}

function run(ctx: WorkloadsContext, ...steps: (Command | { type: string })[]): { state: WorkloadsState; intents: unknown[] } {
  let state = initialWorkloadsState();
  const intents: unknown[] = [];
  for (const step of steps) {
    const action = typeof step === 'string' ? { type: 'command' as const, command: step } : (step as never);
    const result = workloadsReducer(state, action, ctx);
    if (result) {
      state = result.state;
      if (result.intent) intents.push(result.intent);
    } else intents.push('unhandled');
  }
  return { state, intents };
}

const type = (text: string) => [...text].map((c) => ({ type: 'type', key: keyFrom(c) }));
const key = (id: string) => ({ type: 'type', key: keyFrom(id) });

describe('workloads reducer', () => {
  it('moves the selection and scrolls only as far as needed', () => {
    const ctx = context(2);
    const { state } = run(ctx, 'nav.down', 'nav.down', 'nav.down');
    expect(state.selectedId).toBe('web-frontend');
    expect(state.top).toBe(1);
    expect(run(ctx, 'nav.bottom', 'nav.up', 'nav.up', 'nav.up').state).toMatchObject({ selectedId: 'checkout-api', top: 0 });
    expect(run(ctx, 'nav.pageDown').state.selectedId).toBe('web-frontend');
    expect(run(ctx, 'nav.bottom', 'nav.top').state.selectedId).toBe('checkout-api');
  });

  it('opens, decides and previews the selected workload', () => {
    const ctx = context();
    expect(run(ctx, 'nav.down', 'nav.open').intents).toEqual([{ type: 'open-detail', workloadId: 'reports-worker' }]);
    expect(run(ctx, 'workload.decide').intents).toEqual([{ type: 'open-decisions', workloadId: 'checkout-api' }]);
    expect(run(ctx, 'workload.preview').intents).toEqual([{ type: 'open-preview', workloadId: 'checkout-api' }]);
  });

  it('filters as you type, keeps the filter on enter, clears it on escape', () => {
    const ctx = context();
    const typed = run(ctx, 'list.filter', ...type('web'));
    expect(typed.state.filtering).toBe(true);
    expect(typed.state.filter.value).toBe('web');
    expect(typed.state.selectedId).toBe('web-frontend');
    const kept = run(ctx, 'list.filter', ...type('web'), key('return'));
    expect(kept.state).toMatchObject({ filtering: false, filter: { value: 'web' }, selectedId: 'web-frontend' });
    const cleared = run(ctx, 'list.filter', ...type('web'), key('escape'));
    expect(cleared.state).toMatchObject({ filtering: false, filter: { value: '' }, selectedId: 'checkout-api' });
  });

  it('takes the first Esc to clear a kept filter and leaves the next to go back', () => {
    const ctx = context();
    const { state, intents } = run(ctx, 'list.filter', ...type('web'), key('return'), 'app.back', 'app.back');
    expect(state.filter.value).toBe('');
    expect(state.selectedId).toBe('web-frontend');
    expect(intents).toEqual(['unhandled']);
  });

  it('jumps between SPOFs, wrapping, and says when there is none', () => {
    const ctx = context();
    expect(run(ctx, 'list.nextSpof').state.selectedId).toBe('reports-worker');
    expect(run(ctx, 'list.nextSpof', 'list.nextSpof').state.selectedId).toBe('checkout-api');
    expect(run(ctx, 'list.prevSpof').state.selectedId).toBe('reports-worker');
    const none = run(ctx, 'list.filter', ...type('web'), key('return'), 'list.nextSpof');
    expect(none.state.notice).toBe('no single point of failure in this list');
  });

  it('cycles the sort and keeps the selected workload selected', () => {
    const ctx = context(3);
    const { state } = run(ctx, 'nav.down', 'list.sort', 'list.sort', 'list.sort');
    expect(state.sort).toBe('class');
    expect(state.selectedId).toBe('reports-worker');
    expect(selectedIndex(state, ctx)).toBe(0);
    expect(run(ctx, 'list.sort', 'list.sort', 'list.sort', 'list.sort').state.sort).toBe('risk');
  });

  it('selects a workload hidden by the filter by clearing the filter', () => {
    const ctx = context();
    const filtered = run(ctx, 'list.filter', ...type('web'), key('return')).state;
    const result = workloadsReducer(filtered, { type: 'select', id: 'checkout-api' }, ctx);
    expect(result?.state).toMatchObject({ selectedId: 'checkout-api', filter: { value: '' } });
  });

  it('stays fast on 10,000 workloads', () => {
    const data = prepareWizardData(largeInput(10_000));
    const ctx = context(20, data);
    let state = initialWorkloadsState();
    const start = performance.now();
    for (let i = 0; i < 200; i++) state = workloadsReducer(state, { type: 'command', command: 'nav.down' }, ctx)!.state;
    const perKey = (performance.now() - start) / 200;
    expect(state.selectedId).toBe(ctx.visible('', 'risk')[200]);
    expect(perKey).toBeLessThan(5);
  });
});
