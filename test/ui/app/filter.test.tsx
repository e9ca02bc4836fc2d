import { describe, expect, it } from 'vitest';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('filters with /, shows matches as you type, and clears with esc', async () => {
    const { h } = start();
    await h.press('return');
    await h.press('/');
    expect(h.lastFrame()).toContain('Filter /');
    await h.type('front');
    const frame = h.lastFrame();
    expect(frame).toContain('web-frontend');
    expect(frame).not.toContain('checkout-api');
    expect(frame.split('\n').at(-1)).toBe('enter keep filter · esc clear filter · ctrl-u clear');
    await h.press('escape');
    expect(h.lastFrame()).toContain('checkout-api');
  });
});
