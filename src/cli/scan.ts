import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Registers `kubelift scan`. */
export function registerScan(program: Command, context: () => CliContext): void {
  program
    .command('scan')
    .description('(not yet available)')
    .action(() => {
      context().reporter.emit({ level: 'error', code: 'message', text: 'scan is not available yet' });
      process.exitCode = 1;
    });
}
