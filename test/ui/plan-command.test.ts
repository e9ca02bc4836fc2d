/**
 * `kubelift plan` as a command: without a terminal it stops at once with one
 * line; with one it runs the wizard on the real pipeline, quits on q, and
 * exits 130 on Ctrl-C; bad input stops it before the screen is taken.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../helpers/render-ink.js';
import { runCli } from '../helpers/run-cli.js';
import { fixtureSnapshotFile, runOnTerminal } from './plan-terminal.js';

const files = fixtureSnapshotFile();

// One Ink session per test file: sessions rendered one after another in a module stop receiving input.
describe('kubelift plan', () => {
  it('without a terminal exits 2 at once with one line pointing at assess and export --plan', async () => {
    const started = Date.now();
    const result = await runCli(['plan', '--demo']);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: kubelift plan is interactive and needs a terminal; .*`kubelift assess`.*`kubelift export --plan plan\.yaml --out-dir DIR`$/);
    expect(result.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
  it('treats CI as no terminal, even on a TTY', async () => {
    const result = await runOnTerminal(['plan', files.snapshotFile], [], { CI: 'true' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs a terminal');
  });
  it('asks for a snapshot or --demo', async () => {
    const result = await runOnTerminal(['plan'], []);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: no snapshot to plan');
  });
  it('stops on an invalid plan.yaml with its line, before taking the screen', async () => {
    const bad = join(files.dir, 'bad-plan.yaml');
    await writeFile(bad, 'version: 1\nworkloads:\n  web:\n    replicas: zero\n');
    const result = await runOnTerminal(['plan', files.snapshotFile, '--plan', bad], []);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: .*replicas`));
    expect(result.stdout).not.toContain('\u001B[?1049h');
  });
  it('runs the wizard on the real pipeline, takes the alternate screen, gives it back, and quits on q', async () => {
    const result = await runOnTerminal(['plan', files.snapshotFile], ['\r', 'q']);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    const text = stripAnsi(result.stdout);
    expect(text).toContain('kubelift plan · snapshot.json · Overview');
    expect(text).toContain('Workloads 4 of 4');
    expect(result.stdout.startsWith('\u001B[?1049h')).toBe(true);
    expect(result.stdout).toContain('\u001B[?1049l');
  });
});
