import { describe, expect, it } from 'vitest';
import { createTheme } from '../../src/ui/theme.js';

describe('theme', () => {
  it('uses only the terminal’s named colours, and none without colour', () => {
    const named = new Set(['red', 'redBright', 'yellow', 'green', 'cyan', 'blue', 'magenta']);
    const colourful = createTheme(true);
    const roles = [colourful.accent, colourful.spof, colourful.ok, colourful.warn, colourful.error, colourful.added, colourful.removed, ...Object.values(colourful.severity)];
    for (const colour of roles) if (colour !== undefined) expect(named.has(colour)).toBe(true);
    const plain = createTheme(false);
    expect([plain.accent, plain.spof, plain.ok, plain.warn, plain.error, plain.added, plain.removed, ...Object.values(plain.severity)].every((c) => c === undefined)).toBe(true);
  });
});
