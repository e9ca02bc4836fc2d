/** Runs the CLI in-process with captured streams. */
import { PassThrough } from 'node:stream';
import { run } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(isTTY = false): PassThrough & { isTTY: boolean; text: () => string; columns: number } {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; text: () => string; columns: number };
  let buffer = '';
  stream.on('data', (d: Buffer) => (buffer += d.toString()));
  stream.isTTY = isTTY;
  stream.columns = 100;
  stream.text = () => buffer;
  return stream;
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  const code = await run(args, { stdout, stderr, stdin, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  await new Promise((r) => setImmediate(r));
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
