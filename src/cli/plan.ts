import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Registers `kubelift plan`. */
export function registerPlan(program: Command, context: () => CliContext): void {
  program
    .command('plan')
    .description('(not yet available)')
    .action(() => {
      context().reporter.emit({ level: 'error', code: 'message', text: 'plan is not available yet' });
      process.exitCode = 1;
    });
}
