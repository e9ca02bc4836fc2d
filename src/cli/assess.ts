import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Registers `kubelift assess`. */
export function registerAssess(program: Command, context: () => CliContext): void {
  program
    .command('assess')
    .description('(not yet available)')
    .action(() => {
      context().reporter.emit({ level: 'error', code: 'message', text: 'assess is not available yet' });
      process.exitCode = 1;
    });
}
