import { describe, expect, it } from 'vitest';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('shows every key in the help overlay', async () => {
    const { h } = start({ rows: 60 });
    await h.press('?');
    const frame = h.lastFrame();
    for (const text of ['esc/backspace', 'ctrl-c', '↑/k', 'PgDn/ctrl-f', '/ ', 'tab', 'r ', 'ctrl-u', 'y ']) expect(frame).toContain(text);
    await h.press('?');
    expect(h.lastFrame()).toContain('Estate');
  });
});
