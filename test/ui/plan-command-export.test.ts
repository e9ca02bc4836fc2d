/**
 * `kubelift plan` as a command: without a terminal it stops at once with one
 * line; with one it runs the wizard on the real pipeline, quits on q, and
 * exits 130 on Ctrl-C; bad input stops it before the screen is taken.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { stripAnsi } from '../helpers/render-ink.js';
import { runCli } from '../helpers/run-cli.js';
import { fixtureSnapshot } from './fixtures.js';

let dir: string;
let snapshotFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubelift-plan-'));
  snapshotFile = join(dir, 'snapshot.json');
  await writeFile(snapshotFile, JSON.stringify(fixtureSnapshot()));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

class TtyOut extends PassThrough {
  isTTY = true;
  columns = 100;
  rows = 30;
  text = '';
  constructor() {
    super();
    this.on('data', (d: Buffer) => (this.text += d.toString()));
  }
}

class TtyIn extends EventEmitter {
  isTTY = true;
  private queue: string[] = [];
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read = (): string | null => this.queue.shift() ?? null;
  press(data: string): void {
    this.queue.push(data);
    this.emit('readable');
  }
}

/** Runs `kubelift` in-process on a fake terminal; `keys` are sent once the first screen is drawn. */
async function runOnTerminal(args: string[], keys: (string | { waitFor: string })[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new TtyOut();
  const stderr = new TtyOut();
  const stdin = new TtyIn();
  const done = run(args, { stdout, stderr, stdin: stdin as unknown as NodeJS.ReadableStream & { isTTY: boolean }, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  let finished = false;
  void done.finally(() => (finished = true));
  const sender = (async () => {
    const started = Date.now();
    while (!stripAnsi(stdout.text).includes('Overview')) {
      if (finished || Date.now() - started > 30_000) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const key of keys) {
      if (typeof key === 'string') {
        stdin.press(key);
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      // Work that takes time (an export) is waited for on screen before the next key.
      const from = stdout.text.length;
      const waitStarted = Date.now();
      while (!stripAnsi(stdout.text.slice(from)).includes(key.waitFor) && !finished && Date.now() - waitStarted < 30_000) await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const code = await done;
  await sender;
  return { code, stdout: stdout.text, stderr: stderr.text };
}

// One Ink session per test file: sessions rendered one after another in a module stop receiving input.
describe('kubelift plan', () => {
  it('exports what `kubelift export --plan` reproduces byte for byte', async () => {
    const out = join(dir, 'wizard-out');
    // Decide: skip the first workload of the list (include → no), then export to `out`.
    const result = await runOnTerminal(['plan', snapshotFile], ['\r', 'd', '\r', 'e', '\u0015', ...out, '\r', { waitFor: '✓ Wrote' }, 'q']);
    expect(result.code).toBe(0);
    const plan = await readFile(join(out, 'plan.yaml'), 'utf8');
    expect(plan).toMatch(/checkout-asg:\n\s+include: false/);
    const written = (await readdir(out, { recursive: true })).map(String).sort();
    expect(written).toEqual(['README.md', 'plan.yaml', 'report.json', 'reports', 'reports/values.yaml', 'web', 'web-asg', 'web-asg/values.yaml', 'web/values.yaml']);
    const again = join(dir, 'export-out');
    const exported = await runCli(['export', snapshotFile, '--plan', join(out, 'plan.yaml'), '--out-dir', again]);
    expect(exported.code).toBe(0);
    for (const id of ['reports', 'web', 'web-asg']) {
      expect(await readFile(join(out, id, 'values.yaml'), 'utf8')).toBe(await readFile(join(again, id, 'values.yaml'), 'utf8'));
    }
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe(await readFile(join(again, 'README.md'), 'utf8'));
  });
});
