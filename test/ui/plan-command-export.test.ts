/**
 * `kubelift plan` as a command: without a terminal it stops at once with one
 * line; with one it runs the wizard on the real pipeline, quits on q, and
 * exits 130 on Ctrl-C; bad input stops it before the screen is taken.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { fixtureSnapshotFile, runOnTerminal } from './plan-terminal.js';

const files = fixtureSnapshotFile();

// One Ink session per test file: sessions rendered one after another in a module stop receiving input.
describe('kubelift plan', () => {
  it('exports what `kubelift export --plan` reproduces byte for byte', async () => {
    const out = join(files.dir, 'wizard-out');
    // Decide: skip the first workload of the list (include → no), then export to `out`.
    const result = await runOnTerminal(['plan', files.snapshotFile], ['\r', 'd', '\r', 'e', '\u0015', ...out, '\r', { waitFor: '✓ Wrote' }, 'q']);
    expect(result.code).toBe(0);
    const plan = await readFile(join(out, 'plan.yaml'), 'utf8');
    expect(plan).toMatch(/checkout-asg:\n\s+include: false/);
    const written = (await readdir(out, { recursive: true })).map(String).sort();
    expect(written).toEqual(['README.md', 'plan.yaml', 'report.json', 'reports', 'reports/values.yaml', 'web', 'web-asg', 'web-asg/values.yaml', 'web/values.yaml']);
    const again = join(files.dir, 'export-out');
    const exported = await runCli(['export', files.snapshotFile, '--plan', join(out, 'plan.yaml'), '--out-dir', again]);
    expect(exported.code).toBe(0);
    for (const id of ['reports', 'web', 'web-asg']) {
      expect(await readFile(join(out, id, 'values.yaml'), 'utf8')).toBe(await readFile(join(again, id, 'values.yaml'), 'utf8'));
    }
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe(await readFile(join(again, 'README.md'), 'utf8'));
  });
});
