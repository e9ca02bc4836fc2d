/**
 * Runs `kubelift` in-process on a fake terminal, for the `kubelift plan`
 * command tests (one Ink session per test file).
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { run } from '../../src/cli/run.js';
import { stripAnsi } from '../helpers/render-ink.js';
import { fixtureSnapshot } from './fixtures.js';

/** A temporary folder holding the fixture snapshot, made before the file's tests and removed after. */
export function fixtureSnapshotFile(): { dir: string; snapshotFile: string } {
  const files = { dir: '', snapshotFile: '' };
  beforeAll(async () => {
    files.dir = await mkdtemp(join(tmpdir(), 'kubelift-plan-'));
    files.snapshotFile = join(files.dir, 'snapshot.json');
    await writeFile(files.snapshotFile, JSON.stringify(fixtureSnapshot()));
  });
  afterAll(async () => {
    await rm(files.dir, { recursive: true, force: true });
  });
  return files;
}

export class TtyOut extends PassThrough {
  isTTY = true;
  columns = 100;
  rows = 30;
  text = '';
  constructor() {
    super();
    this.on('data', (d: Buffer) => (this.text += d.toString()));
  }
}

export class TtyIn extends EventEmitter {
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
export async function runOnTerminal(args: string[], keys: (string | { waitFor: string })[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
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
