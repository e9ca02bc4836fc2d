import { describe, expect, it } from 'vitest';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('quits at once when nothing is unsaved', async () => {
    const quit = start();
    await quit.h.press('q', { timeoutMs: 200 });
    expect(quit.exits).toEqual(['quit']);
  });
});
