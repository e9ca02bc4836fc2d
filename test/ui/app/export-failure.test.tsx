import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import type { WizardIo } from '../../../src/ui/data.js';
import { start } from './start.js';

describe('the wizard in a terminal', () => {
  it('says what went wrong when writing fails, and writes nothing', async () => {
    const io: WizardIo = {
      existing: async () => [],
      write: async () => {
        throw new InputError('kubelift-out: permission denied');
      },
    };
    const { h } = start({ io });
    await h.press('e');
    await h.press('return');
    const frame = await h.waitFor((f) => f.includes('✗ Nothing was written'));
    expect(frame).toContain('kubelift-out: permission denied');
  });
});
