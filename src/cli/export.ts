import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Registers `kubelift export`. */
export function registerExport(program: Command, context: () => CliContext): void {
  program
    .command('export')
    .description('(not yet available)')
    .action(() => {
      context().reporter.emit({ level: 'error', code: 'message', text: 'export is not available yet' });
      process.exitCode = 1;
    });
}
