/**
 * `kubelift plan` as a command: without a terminal it stops at once with one
 * line; with one it runs the wizard on the real pipeline, quits on q, and
 * exits 130 on Ctrl-C; bad input stops it before the screen is taken.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { stripAnsi } from '../helpers/render-ink.js';
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
  it('exits 130 on Ctrl-C', async () => {
    const result = await runOnTerminal(['plan', snapshotFile], ['\u0003']);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('error: interrupted');
    expect(result.stdout).toContain('\u001B[?1049l');
  });
});
