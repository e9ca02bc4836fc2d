import { describe, expect, it } from 'vitest';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('follows a resize and lays out again', async () => {
    const { h } = start();
    await h.press('return');
    await h.resize(120, 40);
    const lines = h.lastFrame().split('\n');
    expect(lines).toHaveLength(39);
    expect(lines[2]).toContain('APP');
    await h.resize(50, 12);
    expect(h.lastFrame().replace(/\s+/g, ' ')).toContain('needs a terminal of at least 60×16; this one is 50×12');
    await h.resize(80, 24);
    expect(h.lastFrame()).toContain('Workloads 3 of 3');
  });
});
