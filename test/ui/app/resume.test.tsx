import { describe, expect, it } from 'vitest';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('resumes decisions from plan.yaml without calling them unsaved', async () => {
    const { h, exits } = start({ plan: { version: 1, workloads: { 'web-frontend': { replicas: 6 } } } });
    expect(h.lastFrame().split('\n')[0]).toContain('1 decided · saved');
    await h.press('q', { timeoutMs: 200 });
    expect(exits).toEqual(['quit']);
  });
});
