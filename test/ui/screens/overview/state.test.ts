import { describe, expect, it } from 'vitest';
import { initialOverviewState, overviewReducer } from '../../../../src/ui/screens/overview/state.js';
import { overviewRows, severityLine } from '../../../../src/ui/screens/overview/model.js';
import { fixtureData } from '../../fixtures.js';

describe('overview', () => {
  const ctx = { lines: 30, rows: 10, firstSpof: 'checkout-api' };

  it('scrolls within its lines', () => {
    let state = initialOverviewState();
    state = overviewReducer(state, { type: 'command', command: 'nav.pageDown' }, ctx)!.state;
    expect(state.top).toBe(10);
    state = overviewReducer(state, { type: 'command', command: 'nav.bottom' }, ctx)!.state;
    expect(state.top).toBe(20);
    state = overviewReducer(state, { type: 'command', command: 'nav.down' }, ctx)!.state;
    expect(state.top).toBe(20);
  });

  it('opens the list, or the list at the first SPOF', () => {
    expect(overviewReducer(initialOverviewState(), { type: 'command', command: 'nav.open' }, ctx)?.intent).toEqual({ type: 'open-workloads' });
    expect(overviewReducer(initialOverviewState(), { type: 'command', command: 'list.nextSpof' }, ctx)?.intent).toEqual({ type: 'open-workloads', selectId: 'checkout-api' });
    expect(overviewReducer(initialOverviewState(), { type: 'command', command: 'app.back' }, ctx)).toBeUndefined();
  });

  it('lays out the estate facts, wrapping long ones under their label', () => {
    const rows = overviewRows(fixtureData(), 80, 0);
    const texts = rows.flatMap((r) => (r.kind === 'text' ? [`${r.label}|${r.text}`] : [r.kind]));
    expect(texts).toContain('Accounts|111111111111');
    expect(texts.some((t) => t.startsWith('Coverage|1 gap(s)'))).toBe(true);
    expect(texts).toContain('|● checkout-api · HIGH · 2 finding(s)');
    expect(texts).toContain('severity');
    expect(texts).toContain('readiness');
    expect(severityLine(fixtureData())).toBe('0 critical · 2 high · 1 medium · 1 low · 0 info');
    expect(overviewRows(fixtureData(), 60, 0).length).toBeGreaterThan(rows.length);
  });
});
