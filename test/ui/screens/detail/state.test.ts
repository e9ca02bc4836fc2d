import { describe, expect, it } from 'vitest';
import { detailReducer, initialDetailState, type DetailContext } from '../../../../src/ui/screens/detail/state.js';

const ctx: DetailContext = { workloadId: 'checkout-api', awsLines: 12, planRows: 9, findingLines: 20, paneRows: 4, findingRows: 5 };

describe('detail reducer', () => {
  it('moves the cursor over the planned values and scrolls to keep it in view', () => {
    let state = initialDetailState();
    for (let i = 0; i < 5; i++) state = detailReducer(state, { type: 'command', command: 'nav.down' }, ctx)!.state;
    expect(state).toMatchObject({ pane: 'plan', planIndex: 5, planTop: 2 });
    state = detailReducer(state, { type: 'command', command: 'nav.bottom' }, ctx)!.state;
    expect(state).toMatchObject({ planIndex: 8, planTop: 5 });
  });

  it('cycles the panes with tab and scrolls the focused one', () => {
    let state = detailReducer(initialDetailState(), { type: 'command', command: 'detail.pane' }, ctx)!.state;
    expect(state.pane).toBe('findings');
    state = detailReducer(state, { type: 'command', command: 'nav.pageDown' }, ctx)!.state;
    expect(state.findingsTop).toBe(5);
    state = detailReducer(state, { type: 'command', command: 'detail.pane' }, ctx)!.state;
    expect(state.pane).toBe('aws');
    state = detailReducer(state, { type: 'command', command: 'nav.bottom' }, ctx)!.state;
    expect(state.awsTop).toBe(8);
    expect(state.planIndex).toBe(0);
    state = detailReducer(state, { type: 'command', command: 'detail.pane' }, ctx)!.state;
    expect(state.pane).toBe('plan');
  });

  it('opens the decisions with enter or d, and the preview with p', () => {
    expect(detailReducer(initialDetailState(), { type: 'command', command: 'nav.open' }, ctx)?.intent).toEqual({ type: 'open-decisions', workloadId: 'checkout-api' });
    expect(detailReducer(initialDetailState(), { type: 'command', command: 'workload.decide' }, ctx)?.intent).toEqual({ type: 'open-decisions', workloadId: 'checkout-api' });
    expect(detailReducer(initialDetailState(), { type: 'command', command: 'workload.preview' }, ctx)?.intent).toEqual({ type: 'open-preview', workloadId: 'checkout-api' });
    expect(detailReducer(initialDetailState(), { type: 'command', command: 'app.quit' }, ctx)).toBeUndefined();
  });
});
