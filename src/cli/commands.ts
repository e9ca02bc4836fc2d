import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { registerScan } from './scan.js';
import { registerImport } from './import.js';
import { registerAssess } from './assess.js';
import { registerPlan } from './plan.js';
import { registerExport } from './export.js';
import { registerRules } from './rules.js';
import { registerDiff } from './diff.js';

/** Every command, in the order `--help` lists them. */
export function registerCommands(program: Command, context: () => CliContext): void {
  registerScan(program, context);
  registerImport(program, context);
  registerAssess(program, context);
  registerPlan(program, context);
  registerExport(program, context);
  registerRules(program, context);
  registerDiff(program, context);
}
