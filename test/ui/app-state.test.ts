import { describe, expect, it } from 'vitest';
import type { PlanFile } from '../../src/plan/types.js';
import { createAppReducer, currentScreen, decidedCount, initialAppState, keyContext, type AppAction, type AppState } from '../../src/ui/app-state.js';
import { createDerive } from '../../src/ui/derive.js';
import { keyFrom } from '../../src/ui/keymap.js';
import { fixtureData, fixtureServices } from './fixtures.js';

function wizard(plan?: PlanFile) {
  const data = fixtureData(plan ? { plan } : {});
  const reducer = createAppReducer(data, createDerive(data, fixtureServices()));
  let state = initialAppState(data, { columns: 80, rows: 24 });
  const api = {
    get state(): AppState {
      return state;
    },
    keys(...ids: string[]) {
      for (const id of ids) state = reducer(state, { type: 'key', key: keyFrom(id) });
      return api;
    },
    type(text: string) {
      return api.keys(...[...text]);
    },
    send(action: AppAction) {
      state = reducer(state, action);
      return api;
    },
  };
  return api;
}

describe('wizard navigation', () => {
  it('walks overview → workloads → detail → decisions → preview → export and back', () => {
    const w = wizard();
    expect(currentScreen(w.state)).toBe('overview');
    w.keys('return');
    expect(w.state.stack).toEqual(['overview', 'workloads']);
    w.keys('return');
    expect(w.state).toMatchObject({ stack: ['overview', 'workloads', 'detail'], workloadId: 'checkout-api' });
    w.keys('d');
    expect(currentScreen(w.state)).toBe('decisions');
    w.keys('p');
    expect(currentScreen(w.state)).toBe('preview');
    w.keys('e');
    expect(w.state.stack).toEqual(['overview', 'workloads', 'detail', 'decisions', 'preview', 'export']);
    w.keys('escape');
    expect(currentScreen(w.state)).toBe('preview');
    w.keys('backspace', 'escape', 'escape', 'escape');
    expect(w.state.stack).toEqual(['overview']);
    w.keys('escape');
    expect(w.state.stack).toEqual(['overview']);
  });

  it('jumps from the overview straight to the first SPOF', () => {
    const w = wizard().keys('n');
    expect(currentScreen(w.state)).toBe('workloads');
    expect(w.state.workloads.selectedId).toBe('checkout-api');
  });

  it('goes back to a screen already on the path instead of stacking it again', () => {
    const w = wizard().keys('return', 'return', 'd', 'p');
    w.send({ type: 'key', key: keyFrom('escape') });
    expect(currentScreen(w.state)).toBe('decisions');
    w.keys('p', 'escape', 'escape');
    expect(currentScreen(w.state)).toBe('detail');
  });

  it('opens another workload from the list with a fresh detail screen', () => {
    const w = wizard().keys('return', 'return', 'tab');
    expect(w.state.detail.pane).toBe('findings');
    w.keys('escape', 'j', 'return');
    expect(w.state).toMatchObject({ workloadId: 'reports-worker', detail: { pane: 'plan' } });
  });
});

describe('decisions in the wizard', () => {
  it('records a typed decision, marks it unsaved, and counts it', () => {
    const w = wizard().keys('return', 'return', 'd', 'j', 'j', 'j', 'return', 'ctrl+u').type('4').keys('return');
    expect(w.state.decisions).toEqual({ 'checkout-api': { replicas: 4 } });
    expect(w.state.dirty).toBe(true);
    expect(decidedCount(w.state)).toBe(1);
    // Setting it back to the default removes the decision.
    w.keys('r');
    expect(w.state.decisions).toEqual({});
  });

  it('reads keys as text while typing: q and ? do not quit or open help', () => {
    const w = wizard().keys('return', 'return', 'd', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'return');
    expect(keyContext(w.state)).toBe('decision-edit');
    w.keys('ctrl+u').type('q?e');
    expect(w.state.exit).toBeUndefined();
    expect(w.state.overlay).toBeUndefined();
    expect(w.state.decisionsScreen.editing?.text.value).toBe('q?e');
  });

  it('keeps resumed decisions and does not call them unsaved', () => {
    const w = wizard({ version: 1, workloads: { 'web-frontend': { replicas: 5 } } });
    expect(w.state.decisions).toEqual({ 'web-frontend': { replicas: 5 } });
    expect(w.state.dirty).toBe(false);
    w.keys('q');
    expect(w.state.exit).toBe('quit');
  });
});

describe('help, quit and interrupt', () => {
  it('opens help anywhere outside typing, scrolls it, and closes it with ? or esc', () => {
    const w = wizard().keys('return', '?');
    expect(w.state.overlay).toBe('help');
    expect(keyContext(w.state)).toBe('help');
    w.keys('j', 'j');
    expect(w.state.helpTop).toBe(2);
    w.keys('?');
    expect(w.state.overlay).toBeUndefined();
    expect(currentScreen(w.state)).toBe('workloads');
    w.keys('?', 'escape');
    expect(w.state.overlay).toBeUndefined();
    expect(currentScreen(w.state)).toBe('workloads');
  });

  it('quits at once without unsaved decisions', () => {
    expect(wizard().keys('q').state.exit).toBe('quit');
  });

  it('asks before quitting with unsaved decisions: n stays, y quits, e exports first', () => {
    const w = wizard().keys('return', 'return', 'd', 'return', 'q');
    expect(w.state.overlay).toBe('quit');
    expect(w.state.exit).toBeUndefined();
    w.keys('n');
    expect(w.state.overlay).toBeUndefined();
    w.keys('q', 'escape');
    expect(w.state.overlay).toBeUndefined();
    w.keys('q', 'e');
    expect(currentScreen(w.state)).toBe('export');
    w.keys('escape', 'q', 'y');
    expect(w.state.exit).toBe('quit');
  });

  it('stops on ctrl-c from anywhere, even while typing', () => {
    expect(wizard().keys('return', '/', 'ctrl+c').state.exit).toBe('interrupt');
    expect(wizard().keys('return', 'return', 'd', 'return', 'q', 'ctrl+c').state.exit).toBe('interrupt');
  });
});

describe('export in the wizard', () => {
  it('exports, clears the unsaved mark, and proposes the same folder next time', () => {
    const w = wizard().keys('return', 'return', 'd', 'return', 'e');
    expect(keyContext(w.state)).toBe('export-input');
    w.keys('ctrl+u').type('plans').keys('return');
    expect(w.state.export.phase).toBe('checking');
    expect(keyContext(w.state)).toBe('export-busy');
    w.keys('q', 'escape');
    expect(w.state.exit).toBeUndefined();
    expect(currentScreen(w.state)).toBe('export');
    w.send({ type: 'export', action: { type: 'checked', existing: ['plans/plan.yaml'] } });
    expect(keyContext(w.state)).toBe('confirm-overwrite');
    w.keys('y');
    expect(w.state.export).toMatchObject({ phase: 'writing', force: true });
    w.send({ type: 'export', action: { type: 'written', files: ['plans/plan.yaml'] } });
    expect(w.state).toMatchObject({ dirty: false, exportDir: 'plans' });
    w.keys('e');
    expect(w.state.export).toMatchObject({ phase: 'input', dir: { value: 'plans' } });
    w.keys('escape', 'e');
    expect(w.state.export.dir.value).toBe('plans');
    w.keys('escape', 'q');
    expect(w.state.exit).toBe('quit');
  });
});

describe('terminal size', () => {
  it('follows resizes, and pages by what fits', () => {
    const w = wizard().send({ type: 'resize', size: { columns: 100, rows: 30 } });
    expect(w.state.size).toEqual({ columns: 100, rows: 30 });
  });
});
