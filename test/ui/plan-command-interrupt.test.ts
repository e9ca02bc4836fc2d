/**
 * `kubelift plan` as a command: without a terminal it stops at once with one
 * line; with one it runs the wizard on the real pipeline, quits on q, and
 * exits 130 on Ctrl-C; bad input stops it before the screen is taken.
 */
import { describe, expect, it } from 'vitest';
import { fixtureSnapshotFile, runOnTerminal } from './plan-terminal.js';

const files = fixtureSnapshotFile();

// One Ink session per test file: sessions rendered one after another in a module stop receiving input.
describe('kubelift plan', () => {
  it('exits 130 on Ctrl-C', async () => {
    const result = await runOnTerminal(['plan', files.snapshotFile], ['\u0003']);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('error: interrupted');
    expect(result.stdout).toContain('\u001B[?1049l');
  });
});
