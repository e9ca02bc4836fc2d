import { describe, expect, it } from 'vitest';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('fills the terminal less one line, with header, screen and footer, at 80×24', () => {
    const { h } = start();
    const lines = h.lastFrame().split('\n');
    expect(lines).toHaveLength(23);
    expect(lines[0]).toContain('kubelift plan · fixture estate · Overview');
    expect(lines[22]).toContain('? help');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });
});
