import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Registers `kubelift import`. */
export function registerImport(program: Command, context: () => CliContext): void {
  program
    .command('import')
    .description('(not yet available)')
    .action(() => {
      context().reporter.emit({ level: 'error', code: 'message', text: 'import is not available yet' });
      process.exitCode = 1;
    });
}
