import { describe, expect, it } from 'vitest';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('goes to the list with enter, moves with j/k and arrows, and opens a workload', async () => {
    const { h } = start();
    await h.press('return');
    expect(h.lastFrame()).toContain('›● HIGH     checkout-api');
    await h.press('j');
    expect(h.lastFrame()).toContain('›● MEDIUM   reports-worker');
    await h.press('down');
    await h.press('k');
    expect(h.lastFrame()).toContain('›● MEDIUM   reports-worker');
    await h.press('return');
    expect(h.lastFrame()).toContain('reports-worker (reports) · standalone instance');
    await h.press('escape');
    expect(h.lastFrame()).toContain('Workloads 3 of 3');
  });
});
