import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Registers `kubelift diff`. */
export function registerDiff(program: Command, context: () => CliContext): void {
  program
    .command('diff')
    .description('(not yet available)')
    .action(() => {
      context().reporter.emit({ level: 'error', code: 'message', text: 'diff is not available yet' });
      process.exitCode = 1;
    });
}
