/**
 * What `kubelift plan` does once it has a terminal: loads and assesses the
 * snapshot, prepares the wizard's data and services, runs the wizard, and
 * writes what it exports.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InterruptedError, UsageError } from '../errors.js';
import { exportFiles, readChartDefaults, writeExport } from '../export/write-export.js';
import { buildReport, renderReportJsonChunks } from '../export/report-json.js';
import type { KubernetesPlan } from '../mapping/types.js';
import { paths } from '../paths.js';
import { loadAppCatalog } from '../plan/app-catalog-file.js';
import { kubernetesSummary } from '../plan/estate-plans.js';
import { readPlanFile, serializePlanFile, snapshotMismatch } from '../plan/plan-file.js';
import type { PlanFile } from '../plan/types.js';
import { assessSnapshot, type Assessment } from '../rules/assess.js';
import { loadRules } from '../rules/load.js';
import { writeFileAtomicChunks } from '../snapshot/atomic-write.js';
import { readSnapshot } from '../snapshot/read-write.js';
import { prepareWizardData, type WizardIo, type WizardServices } from '../ui/data.js';
import { createWizardServices } from '../ui/services.js';
import { reportTime } from './assess.js';
import type { CliContext } from './context.js';
import type { PlanOptions } from './plan.js';

/** A folder as typed: `~/x` is the home folder's x. */
function expandHome(dir: string, env: NodeJS.ProcessEnv): string {
  return dir === '~' || dir.startsWith('~/') ? join(env.HOME || homedir(), dir.slice(1)) : dir;
}

interface ExportInputs {
  assessment: Assessment;
  services: WizardServices;
  toolVersion: string;
  generatedAt: string;
  source: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The plans an export writes: what `planEstate` (and so `kubelift export
 * --plan`) plans, with the same arguments, in the same order; but a few at a
 * time, yielding between them, so the wizard keeps drawing and Ctrl-C keeps
 * working while a large estate is planned.
 */
async function planForExport(plan: PlanFile, inputs: ExportInputs): Promise<KubernetesPlan[]> {
  const { model } = inputs.assessment;
  const plans: KubernetesPlan[] = [];
  const workloads = [...model.workloads].sort((a, b) => a.id.localeCompare(b.id)).filter((w) => plan.workloads[w.id]?.include !== false);
  for (const [i, w] of workloads.entries()) {
    plans.push(inputs.services.planFor(w, [], plan.workloads[w.id], plan.defaults));
    if (i % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
  }
  return plans;
}

/**
 * What an export of these decisions writes: what `kubelift export --plan`
 * writes (values per included workload and README.md, by the same writer),
 * plus report.json and plan.yaml.
 */
async function exportTargets(dir: string, plan: PlanFile, inputs: ExportInputs) {
  const { model } = inputs.assessment;
  const root = expandHome(dir, inputs.env);
  const plans = await planForExport(plan, inputs);
  const skipped = model.workloads.filter((w) => plan.workloads[w.id]?.include === false).map((w) => ({ id: w.id, reason: 'plan.yaml sets include: false' }));
  const summaries = new Map(plans.map((p) => [p.workloadId, kubernetesSummary(p)]));
  // In pieces, as `assess --out` writes it: a large estate's report is never one string.
  const report = () => renderReportJsonChunks(buildReport(inputs.assessment, { toolVersion: inputs.toolVersion, generatedAt: inputs.generatedAt }, { kubernetesOf: (id) => summaries.get(id) }));
  return {
    root,
    plans,
    skipped,
    // plan.yaml comes last: once it exists, the values it describes do too.
    files: [...exportFiles(plans, false).map((f) => join(root, f)), join(root, 'report.json'), join(root, 'plan.yaml')],
    extra: () => [
      { path: join(root, 'report.json'), text: report() },
      { path: join(root, 'plan.yaml'), text: [serializePlanFile(plan, model)] },
    ],
  };
}

/** The wizard's file callbacks; `settled()` waits for a write in progress (Ctrl-C never leaves one half done). */
function exportIo(inputs: ExportInputs): WizardIo & { settled(): Promise<void> } {
  let inflight: Promise<unknown> = Promise.resolve();
  // Checking and writing the same decisions to the same folder plan the estate once.
  let last: { key: string; targets: ReturnType<typeof exportTargets> } | undefined;
  const targetsOf = (dir: string, plan: PlanFile): ReturnType<typeof exportTargets> => {
    const key = `${dir}\n${JSON.stringify(plan)}`;
    if (last?.key !== key) last = { key, targets: exportTargets(dir, plan, inputs) };
    return last.targets;
  };
  return {
    async existing(dir, plan) {
      return (await targetsOf(dir, plan)).files.filter((f) => existsSync(f));
    },
    async write(dir, plan, options) {
      const work = (async () => {
        const targets = await targetsOf(dir, plan);
        if (targets.plans.length === 0) throw new UsageError('nothing to export: every workload is skipped');
        const written = await writeExport(targets.plans, { outDir: targets.root, chartDir: paths.chart, source: inputs.source, force: options.force, env: inputs.env, skipped: targets.skipped });
        for (const file of targets.extra()) {
          await writeFileAtomicChunks(file.path, file.text, { force: options.force });
          written.push(file.path);
        }
        return written;
      })();
      inflight = work.catch(() => undefined);
      return work;
    },
    settled: () => inflight.then(() => undefined),
  };
}

/** Loads, assesses and runs the wizard on a snapshot (or the demo estate). */
export async function runPlanWizard(ctx: CliContext, snapshotPath: string | undefined, options: PlanOptions): Promise<void> {
  const loaded = options.plan ? await readPlanFile(options.plan) : undefined;
  const rules = await loadRules([paths.rules, ...options.rules]);
  ctx.reporter.emit({ level: 'info', code: 'rules.loaded', count: rules.length });
  const snapshot = await readSnapshot(options.demo ? paths.demoSnapshot : (snapshotPath as string));
  const generatedAt = reportTime(ctx.env, snapshot.generatedAt);
  const [apps, chartDefaults] = await Promise.all([loadAppCatalog(), readChartDefaults(paths.chart)]);
  const assessment = assessSnapshot(snapshot, rules, { reporter: ctx.reporter });
  const mismatch = loaded ? snapshotMismatch(loaded.plan, snapshot) : undefined;

  const planDir = options.plan ? dirname(options.plan) : '.';
  const data = prepareWizardData({
    model: assessment.model,
    findings: assessment.findings,
    spofWorkloads: assessment.spofWorkloads,
    ...(loaded ? { plan: loaded.plan } : {}),
    label: options.demo ? 'demo estate' : basename(snapshotPath as string),
    exportDir: planDir === '.' ? 'kubelift-out' : planDir,
    notices: mismatch ? [mismatch] : [],
  });
  const services = createWizardServices({ model: assessment.model, apps, chartDefaults });
  // The mapping indexes the estate on its first plan, which on a large estate takes a second or more and
  // cannot be interrupted; doing it now, while loading, keeps it from delaying a key press later.
  const [first] = assessment.model.workloads;
  if (first) {
    try {
      services.planFor(first, [], undefined, data.defaults);
    } catch {
      // The wizard shows the mapping's error on that workload's screen.
    }
  }
  const source = options.demo ? 'the demo estate' : (snapshotPath as string);
  const io = exportIo({ assessment, services, toolVersion: ctx.version, generatedAt, source, env: ctx.env });

  // React's development build is several times slower per frame; the wizard is a product, not a dev server.
  // Only `plan` loads React and Ink at all, so other commands start without them.
  process.env.NODE_ENV ??= 'production';
  const { startWizard } = await import('../ui/start.js');
  const reason = await startWizard({ data, services, io, color: ctx.color, stdout: ctx.stdout, stdin: ctx.stdin });
  if (reason === 'interrupt') {
    await io.settled();
    throw new InterruptedError('interrupted: decisions not exported were not saved');
  }
}
