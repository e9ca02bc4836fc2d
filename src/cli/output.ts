import { writeFileAtomic } from '../snapshot/atomic-write.js';
import type { CliContext } from './context.js';

/** Sends a command's result to --out (atomically, never over an existing file without --force) or to stdout. */
export async function writeResult(ctx: CliContext, text: string, options: { out?: string; force?: boolean }): Promise<void> {
  if (options.out) {
    await writeFileAtomic(options.out, text, { force: options.force });
    ctx.reporter.emit({ level: 'info', code: 'export.written', path: options.out });
  } else {
    ctx.stdout.write(text);
  }
}
