import { describe, expect, it } from 'vitest';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('stops on ctrl-c, even while typing a filter', async () => {
    const stop = start();
    await stop.h.press('return');
    await stop.h.press('/');
    await stop.h.press('ctrl+c', { timeoutMs: 200 });
    expect(stop.exits).toEqual(['interrupt']);
  });
});
