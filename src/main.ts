#!/usr/bin/env node
import { InterruptedError } from './errors.js';
import { reportError, run } from './cli/run.js';
import type { Io } from './cli/program.js';

const io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };

// Ctrl-C: files are written atomically, so stopping here leaves no half-written file.
process.once('SIGINT', () => {
  reportError(new InterruptedError('interrupted'), io, false);
  process.exit(130);
});

run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
