#!/usr/bin/env node
import { InterruptedError } from './errors.js';
import { reportError, run } from './cli/run.js';
import type { Io } from './cli/program.js';

// The AWS SDK clients are pinned to releases that support Node 20 (see package.json);
// their notice about future releases needing Node 22 is for SDK users, not kubelift's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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
