import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Registers `kubelift rules`. */
export function registerRules(program: Command, context: () => CliContext): void {
  program
    .command('rules')
    .description('(not yet available)')
    .action(() => {
      context().reporter.emit({ level: 'error', code: 'message', text: 'rules is not available yet' });
      process.exitCode = 1;
    });
}
