import { describe, expect, it } from 'vitest';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('asks before quitting with unsaved decisions and quits on y', async () => {
    const { h, exits } = start();
    await h.press('return');
    await h.press('d');
    await h.press('return');
    await h.press('q');
    expect(h.lastFrame()).toContain('You have unsaved decisions for 1 workload(s).');
    expect(h.lastFrame()).toContain('y quit without saving   n stay   e export first');
    await h.press('n');
    expect(h.lastFrame()).toContain('Decisions for checkout-api');
    expect(exits).toEqual([]);
    await h.press('q');
    await h.press('y', { timeoutMs: 200 });
    expect(exits).toEqual(['quit']);
  });
});
