import { describe, expect, it } from 'vitest';
import { memoryIo } from '../fixtures.js';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('exports through the io callbacks, asking before overwriting, and says what was written', async () => {
    const io = memoryIo(['kubelift-out/plan.yaml']);
    const { h } = start({ io, columns: 100 });
    await h.press('return');
    await h.press('d');
    await h.press('return');
    await h.press('e');
    expect(h.lastFrame()).toContain('Folder: kubelift-out');
    await h.press('return');
    await h.waitFor((f) => f.includes('would be replaced'));
    expect(io.writes).toEqual([]);
    await h.press('y');
    const done = await h.waitFor((f) => f.includes('✓ Wrote'));
    expect(done).toContain('kubelift-out/checkout-api/values.yaml');
    expect(done.split('\n')[0]).toContain('1 decided · saved');
    expect(io.writes).toEqual([{ dir: 'kubelift-out', force: true, plan: expect.objectContaining({ workloads: { 'checkout-api': { include: false } } }) }]);
  });
});
