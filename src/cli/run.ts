import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { formatLocation, toKubeliftError, type KubeliftError } from '../errors.js';
import { paths } from '../paths.js';
import { buildProgram, fromCommanderError, type Io } from './program.js';

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(paths.packageJson, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Prints an error the one way kubelift prints errors: a line, the issues, a hint, a stack only with --debug. */
export function reportError(error: KubeliftError, io: Pick<Io, 'stderr'>, debug: boolean): void {
  const lines = [`error: ${error.message}`];
  if ('issues' in error && Array.isArray(error.issues)) {
    for (const issue of error.issues as { message: string; file: string }[]) lines.push(`  ${formatLocation(issue as never)}: ${issue.message}`);
  }
  if (error.hint) lines.push(`hint: ${error.hint}`);
  if (debug) {
    lines.push(error.stack ?? '');
    if (error.cause instanceof Error && error.cause.stack) lines.push(`caused by: ${error.cause.stack}`);
  }
  io.stderr.write(`${lines.join('\n')}\n`);
}

/** Runs kubelift with the given arguments; resolves to the exit code. Only this function catches. */
export async function run(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io, readVersion());
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (thrown) {
    if (thrown instanceof CommanderError) {
      const usage = fromCommanderError(thrown);
      if (!usage) return 0;
      reportError(usage, io, debug);
      return usage.exitCode;
    }
    const error = toKubeliftError(thrown);
    reportError(error, io, debug);
    return error.exitCode;
  }
}
