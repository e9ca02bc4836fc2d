import { Option, type Command } from 'commander';
import { refuseToOverwrite } from '../snapshot/atomic-write.js';
import { ThresholdError, UsageError } from '../errors.js';
import { formatOfPath, REPORT_FORMATS, renderReportChunks, type ReportFormat } from '../export/report-format.js';
import { buildReport, type Report } from '../export/report-json.js';
import { paths } from '../paths.js';
import { loadAppCatalog } from '../plan/app-catalog-file.js';
import { kubernetesSummaries } from '../plan/estate-plans.js';
import { assessSnapshot } from '../rules/assess.js';
import { isAtLeast } from '../rules/findings.js';
import { loadRules } from '../rules/load.js';
import { SEVERITIES, type Severity } from '../rules/types.js';
import { readSnapshot } from '../snapshot/read-write.js';
import type { CliContext } from './context.js';
import { writeResultChunks } from './output.js';

interface AssessOptions {
  demo?: boolean;
  format?: ReportFormat;
  out?: string;
  force?: boolean;
  rules: string[];
  failOn?: Severity;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The report's time: SOURCE_DATE_EPOCH when set (reproducible builds), else the snapshot's own time, never the clock. */
export function reportTime(env: NodeJS.ProcessEnv, snapshotTime: string): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return snapshotTime;
  if (!/^\d+$/.test(epoch.trim())) throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not ${JSON.stringify(epoch)}`);
  const date = new Date(Number(epoch.trim()) * 1000);
  if (Number.isNaN(date.getTime())) throw new UsageError(`SOURCE_DATE_EPOCH is out of range: ${epoch}`);
  return date.toISOString();
}

/**
 * Reads, assesses and reports. Kept apart so the snapshot and the model can be
 * freed before the report text is rendered: on large estates that halves the peak memory.
 */
async function assessToReport(ctx: CliContext, snapshotPath: string, ruleDirs: string[]): Promise<Report> {
  const [rules, apps] = await Promise.all([loadRules([paths.rules, ...ruleDirs]), loadAppCatalog()]);
  ctx.reporter.emit({ level: 'info', code: 'rules.loaded', count: rules.length });
  const snapshot = await readSnapshot(snapshotPath);
  const generatedAt = reportTime(ctx.env, snapshot.generatedAt);
  const assessment = assessSnapshot(snapshot, rules, { reporter: ctx.reporter });
  // Each workload's Kubernetes plan in brief (kind, replicas, class, known app), as `export` would write it.
  const summaries = kubernetesSummaries(assessment.model, apps);
  return buildReport(assessment, { toolVersion: ctx.version, generatedAt }, { kubernetesOf: (id) => summaries.get(id) });
}

/** Registers `kubelift assess`. */
export function registerAssess(program: Command, context: () => CliContext): void {
  program
    .command('assess')
    .description('find single points of failure in a snapshot and say what removes each on Kubernetes')
    .argument('[snapshot]', 'a snapshot written by `kubelift scan` or `kubelift import` (.json or .json.gz)')
    .option('--demo', 'assess the bundled demo estate (no AWS account needed)')
    .addOption(new Option('--format <format>', 'report format (default: table on a terminal, json otherwise, or what --out ends with)').choices(REPORT_FORMATS))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--force', 'overwrite --out if it exists')
    .option('--rules <dir>', 'also evaluate the rule files in this folder (repeatable)', collect, [])
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding of this severity or worse exists').choices(SEVERITIES))
    .action(async (snapshotPath: string | undefined, options: AssessOptions) => {
      const ctx = context();
      if (options.demo && snapshotPath) throw new UsageError('give either a snapshot file or --demo, not both');
      if (!options.demo && !snapshotPath) {
        throw new UsageError('no snapshot to assess', { hint: 'Pass a snapshot file (from `kubelift scan` or `kubelift import`), or try `kubelift assess --demo`.' });
      }
      // Refuse an existing --out before the work, not after it.
      if (options.out) refuseToOverwrite(options.out, options);
      const report = await assessToReport(ctx, options.demo ? paths.demoSnapshot : snapshotPath!, options.rules);

      const format: ReportFormat = options.format ?? (options.out ? (formatOfPath(options.out) ?? 'json') : ctx.stdout.isTTY ? 'table' : 'json');
      // Written piece by piece as it is rendered (see renderReportChunks): a large JSON report never exists as one string.
      const text = renderReportChunks(report, format, { color: !options.out && ctx.color, width: ctx.stdout.columns ?? 100 });
      await writeResultChunks(ctx, text, { out: options.out, force: options.force });

      const { summary } = report;
      ctx.reporter.emit({
        level: 'info',
        code: 'message',
        text: `${summary.workloads} workload(s), ${summary.singlePointsOfFailure} single point(s) of failure, ${report.findings.length} finding(s)${summary.checks.error + summary.checks.unknown ? `, ${summary.checks.error + summary.checks.unknown} check(s) undecided` : ''}`,
      });

      if (options.failOn) {
        const threshold = options.failOn;
        const crossing = report.findings.filter((f) => isAtLeast(f.severity, threshold));
        if (crossing.length) {
          throw new ThresholdError(`${crossing.length} finding(s) at severity ${threshold} or worse (--fail-on ${threshold})`, {
            hint: `The report was written in full; the worst is ${crossing[0]!.ruleId} on ${crossing[0]!.resource.name || crossing[0]!.resource.id}.`,
          });
        }
      }
    });
}
