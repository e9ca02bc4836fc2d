/**
 * `kubelift plan`: the interactive migration wizard. Loads and assesses the
 * snapshot, then hands the wizard its data, the pure services, and the file
 * callbacks for export (the wizard itself does no I/O). Without a terminal it
 * stops at once with one line, never waiting for input.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { CliContext } from './context.js';

export interface PlanOptions {
  demo?: boolean;
  plan?: string;
  rules: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The one line `plan` prints without a terminal. */
export const NO_TERMINAL_MESSAGE =
  'kubelift plan is interactive and needs a terminal; for the findings run `kubelift assess`, and to write values from recorded decisions run `kubelift export --plan plan.yaml --out-dir DIR`';

/** True when the wizard can be drawn and read keys: stdin and stdout are terminals and this is not CI (Ink draws only the last frame there). */
export function hasTerminal(ctx: Pick<CliContext, 'stdin' | 'stdout' | 'env'>): boolean {
  const ci = (name: string): boolean => name in ctx.env && ctx.env[name] !== '0' && ctx.env[name] !== 'false';
  return Boolean(ctx.stdin.isTTY) && Boolean(ctx.stdout.isTTY) && !ci('CI') && !ci('CONTINUOUS_INTEGRATION');
}

/** Registers `kubelift plan`. */
export function registerPlan(program: Command, context: () => CliContext): void {
  program
    .command('plan')
    .description('the interactive migration wizard: decide per workload, preview and export Helm values and plan.yaml (needs a terminal)')
    .argument('[snapshot]', 'a snapshot written by `kubelift scan` or `kubelift import` (.json or .json.gz)')
    .option('--demo', 'plan the bundled demo estate (no AWS account needed)')
    .option('--plan <file>', 'resume from the decisions in this plan.yaml')
    .option('--rules <dir>', 'also evaluate the rule files in this folder (repeatable)', collect, [])
    .action(async (snapshotPath: string | undefined, options: PlanOptions) => {
      const ctx = context();
      // First, before reading anything: without a terminal there is nobody to answer.
      if (!hasTerminal(ctx)) throw new UsageError(NO_TERMINAL_MESSAGE, { code: 'E_NO_TTY' });
      if (options.demo && snapshotPath) throw new UsageError('give either a snapshot file or --demo, not both');
      if (!options.demo && !snapshotPath) throw new UsageError('no snapshot to plan', { hint: 'Pass a snapshot file (from `kubelift scan` or `kubelift import`), or try `kubelift plan --demo`.' });

      // The wizard's work (and the export and plan-file code it needs) is loaded only when `plan` runs.
      const { runPlanWizard } = await import('./plan-wizard.js');
      await runPlanWizard(ctx, snapshotPath, options);
    });
}
