import { describe, expect, it } from 'vitest';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('decides replicas, refusing an invalid value in place', async () => {
    const { h } = start();
    await h.press('return');
    await h.press('d');
    await h.press('G');
    await h.press('k');
    await h.press('k');
    await h.press('k');
    await h.press('k');
    await h.press('k');
    await h.press('k');
    await h.press('return');
    await h.press('ctrl+u');
    await h.type('x');
    await h.press('return');
    expect(h.lastFrame()).toContain('Replicas: x\n✗ Replicas must be a whole number from 1 to 1000.');
    await h.press('backspace');
    await h.type('3');
    await h.press('return');
    expect(h.lastFrame()).toMatch(/› ✎ Replicas +3 +2/);
    expect(h.lastFrame().split('\n')[0]).toContain('1 decided · unsaved');
    await h.press('p');
    expect(h.lastFrame()).toContain('1 change(s) from decisions');
    await h.press('n');
    expect(h.lastFrame()).toContain('- replicaCount: 2\n+ replicaCount: 3');
  });
});
