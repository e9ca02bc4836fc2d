import { describe, expect, it } from 'vitest';
import { createDerive } from '../../../../src/ui/derive.js';
import { diffLines, previewModel } from '../../../../src/ui/screens/preview/model.js';
import { initialPreviewState, previewReducer, type PreviewContext } from '../../../../src/ui/screens/preview/state.js';
import { fixtureData, fixtureServices } from '../../fixtures.js';

describe('preview reducer', () => {
  const ctx: PreviewContext = { lines: 100, rows: 10, changes: [5, 40, 90] };

  it('scrolls page by page within the text', () => {
    let state = previewReducer(initialPreviewState(), { type: 'command', command: 'nav.pageDown' }, ctx)!.state;
    expect(state.top).toBe(10);
    state = previewReducer(state, { type: 'command', command: 'nav.bottom' }, ctx)!.state;
    expect(state.top).toBe(90);
  });

  it('jumps from change to change, wrapping both ways', () => {
    let state = initialPreviewState();
    const tops: number[] = [];
    for (let i = 0; i < 4; i++) {
      state = previewReducer(state, { type: 'command', command: 'preview.nextChange' }, ctx)!.state;
      tops.push(state.top);
    }
    expect(tops).toEqual([2, 37, 87, 2]);
    expect(state.notice).toBe('change 1 of 3');
    expect(previewReducer(initialPreviewState(), { type: 'command', command: 'preview.prevChange' }, ctx)!.state).toMatchObject({ top: 87, change: 2 });
  });

  it('says when no decision changes the values', () => {
    expect(previewReducer(initialPreviewState(), { type: 'command', command: 'preview.nextChange' }, { ...ctx, changes: [] })!.state.notice).toBe('no decision changes these values');
  });
});

describe('preview model', () => {
  it('marks the lines a decision changed against the default', () => {
    const derive = createDerive(fixtureData(), fixtureServices());
    const model = previewModel(derive, 'web-frontend', { replicas: 5, ingressClass: 'nginx' });
    const changed = model.lines.filter((l) => l.mark !== ' ').map((l) => `${l.mark}${l.text.trim()}`);
    expect(changed).toEqual(['-className: alb', '+className: nginx', '-replicaCount: 3', '+replicaCount: 5']);
    expect(model.changes).toHaveLength(2);
    expect(previewModel(derive, 'web-frontend', undefined).changes).toEqual([]);
  });

  it('diffs lines with common head and tail kept unmarked', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c']).map((l) => `${l.mark}${l.text}`)).toEqual([' a', '-b', '+x', ' c']);
    expect(diffLines(['a'], ['a', 'b']).map((l) => `${l.mark}${l.text}`)).toEqual([' a', '+b']);
    expect(diffLines(['a', 'b'], []).map((l) => l.mark)).toEqual(['-', '-']);
  });
});
