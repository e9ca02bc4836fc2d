import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { loadAppCatalog } from '../plan/app-catalog-file.js';
import { planEstate } from '../plan/estate-plans.js';
import type { PlanFile } from '../plan/types.js';
import { paths } from '../paths.js';
import { assessSnapshot } from '../rules/assess.js';
import { loadRules } from '../rules/load.js';
import { readSnapshot } from '../snapshot/read-write.js';
import type { CliContext } from './context.js';

interface ExportOptions {
  demo?: boolean;
  plan?: string;
  outDir?: string;
  workload: string[];
  manifests?: boolean;
  force?: boolean;
  rules: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Registers `kubelift export`. */
export function registerExport(program: Command, context: () => CliContext): void {
  program
    .command('export')
    .description('write Helm values for charts/kubelift-app (one folder per workload) and a README of what needs a human')
    .argument('[snapshot]', 'a snapshot written by `kubelift scan` or `kubelift import` (.json or .json.gz)')
    .option('--demo', 'export the bundled demo estate (no AWS account needed)')
    .option('--plan <file>', 'apply the decisions recorded in plan.yaml (see docs/plan.md)')
    .option('--out-dir <dir>', 'the folder to write to (required)')
    .option('--workload <id>', 'export only this workload (repeatable)', collect, [])
    .option('--manifests', 'also render each workload with `helm template` into <id>/manifests.yaml (needs helm on PATH)')
    .option('--force', 'overwrite files of an earlier export')
    .option('--rules <dir>', 'also evaluate the rule files in this folder (repeatable)', collect, [])
    .action(async (snapshotPath: string | undefined, options: ExportOptions) => {
      const ctx = context();
      if (options.demo && snapshotPath) throw new UsageError('give either a snapshot file or --demo, not both');
      if (!options.demo && !snapshotPath) throw new UsageError('no snapshot to export', { hint: 'Pass a snapshot file (from `kubelift scan` or `kubelift import`), or try `kubelift export --demo --out-dir out`.' });
      if (!options.outDir) throw new UsageError('--out-dir is required', { hint: 'Name the folder to write the values to, e.g. `--out-dir k8s`.' });
      // The writers and the plan-file reader (and the YAML library they use) are loaded only when `export` runs.
      const [{ requireHelm }, { writeExport }, { assertPlanMatches, readPlanFile, snapshotMismatch }] = await Promise.all([
        import('../export/manifests.js'),
        import('../export/write-export.js'),
        import('../plan/plan-file.js'),
      ]);
      // Fail on a missing helm before any work is done.
      const helm = options.manifests ? requireHelm(ctx.env) : undefined;

      const rules = await loadRules([paths.rules, ...options.rules]);
      const snapshot = await readSnapshot(options.demo ? paths.demoSnapshot : (snapshotPath as string));
      const apps = await loadAppCatalog();
      const assessment = assessSnapshot(snapshot, rules, { reporter: ctx.reporter });
      const { model } = assessment;

      let planFile: PlanFile | undefined;
      if (options.plan) {
        const loaded = await readPlanFile(options.plan);
        assertPlanMatches(loaded, model);
        const mismatch = snapshotMismatch(loaded.plan, snapshot);
        if (mismatch) ctx.reporter.emit({ level: 'warn', code: 'message', text: `${options.plan}: ${mismatch}` });
        planFile = loaded.plan;
      }

      const known = new Set(model.workloads.map((w) => w.id));
      const unknown = [...new Set(options.workload)].filter((id) => !known.has(id)).sort();
      if (unknown.length > 0) {
        throw new InputError(`no workload ${unknown.map((id) => `'${id}'`).join(', ')} in ${options.demo ? 'the demo estate' : snapshotPath}`, {
          code: 'E_INPUT_WORKLOAD',
          hint: `Workload ids: ${[...known].sort().join(', ') || '(none)'}. \`kubelift assess\` lists them.`,
        });
      }
      // Naming a workload exports it even when plan.yaml leaves it out.
      const chosen = options.workload.length > 0 ? new Set(options.workload) : undefined;
      const effective: PlanFile | undefined = planFile && chosen ? { ...planFile, workloads: Object.fromEntries(Object.entries(planFile.workloads).map(([id, d]) => [id, chosen.has(id) ? { ...d, include: true } : d])) } : planFile;
      const plans = planEstate(model, assessment.findings, effective, apps).filter((p) => !chosen || chosen.has(p.workloadId));
      const skipped = model.workloads
        .filter((w) => !chosen && planFile?.workloads[w.id]?.include === false)
        .map((w) => ({ id: w.id, reason: 'plan.yaml sets include: false' }));
      if (plans.length === 0) throw new UsageError('nothing to export: every workload is left out', { hint: planFile ? 'plan.yaml sets include: false on all of them.' : 'The snapshot has no workloads.' });

      const written = await writeExport(plans, {
        outDir: options.outDir,
        chartDir: paths.chart,
        source: options.demo ? 'the demo estate' : (snapshotPath as string),
        force: options.force,
        helm,
        env: ctx.env,
        skipped,
        reporter: ctx.reporter,
      });
      const blocking = plans.reduce((n, p) => n + (p.tasks ?? []).filter((t) => t.blocking).length, 0);
      ctx.stdout.write(`wrote ${plans.length} workload${plans.length === 1 ? '' : 's'} (${written.length} files) to ${options.outDir}; ${blocking} step${blocking === 1 ? '' : 's'} need a human first: see ${options.outDir}/README.md\n`);
    });
}
