/**
 * The report for a terminal: grouped by workload, single points of failure
 * first, each finding with what removes the risk on Kubernetes. Lines are
 * wrapped to the given width; colours only when asked (the caller decides
 * from the TTY, NO_COLOR and --no-color).
 *
 * @example
 * kubelift assessment · 1 account · 1 region · 2026-01-01T00:00:00.000Z
 * 3 workloads, 1 single point of failure · findings: 1 high, 1 medium
 *
 * SPOF web · Auto Scaling group, 1 of 1 instances running in eu-west-1a
 *   HIGH      Auto Scaling group runs in a single Availability Zone (asg-single-az)
 *             Auto Scaling group web runs only in eu-west-1a
 *             Kubernetes: Pods spread over zones with topologySpreadConstraints.
 */
import type { Severity } from '../rules/types.js';
import type { Report, ReportFinding } from './report-json.js';
import { plural, resourceLabel, severityCounts, typeLabel, viewOf, workloadLine } from './report-view.js';
import { ready, TextPieces } from './text-pieces.js';

export interface TableOptions {
  color: boolean;
  /** Terminal columns; lines are wrapped to fit. */
  width: number;
}

const SEVERITY_COLOR: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' };
// How many undecided checks to list before pointing at the full report.
const UNDETERMINED_SHOWN = 10;

/** Wraps plain text to `width` columns; words longer than a line are split. */
export function wrap(text: string, width: number): string[] {
  const max = Math.max(10, width);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (word.length > max) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(word.slice(0, max));
        word = word.slice(max);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= max) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

// Terminal control characters in AWS names or tags must not reach the terminal (they could move the cursor or recolour it).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const printable = (text: string): string => text.replace(CONTROL, '?');
// Workloads without findings are listed by name up to this many.
const CLEAN_SHOWN = 40;

/** A resource as a terminal shows it: its name, and its id unless that is a long ARN. */
function terminalLabel(resource: ReportFinding['resource']): string {
  return resource.id.startsWith('arn:') ? resource.name || resource.id : resourceLabel(resource);
}

/** Renders the report for a terminal. Pure. */
export function renderReportTable(report: Report, options: TableOptions): string {
  return [...renderReportTablePieces(report, options)].join('');
}

/** The text of renderReportTable in pieces, a few workloads at a time: a large estate's table is never one string. */
export function* renderReportTablePieces(report: Report, options: TableOptions): Generator<string> {
  const width = Math.max(40, Math.floor(options.width) || 80);
  const paint = (codes: string, text: string): string => (options.color && text ? `\u001b[${codes}m${text}\u001b[0m` : text);
  const out = new TextPieces();
  /** A first-line prefix, then text wrapped under an indent. */
  const block = (prefix: string, paintedPrefix: string, indent: number, text: string): void => {
    const lines = wrap(printable(text), width - indent);
    lines.forEach((line, i) => out.push(i === 0 ? `${paintedPrefix}${' '.repeat(Math.max(0, indent - prefix.length))}${line}` : `${' '.repeat(indent)}${line}`));
  };

  const view = viewOf(report);
  const { summary } = report;
  const multiRegion = report.source.accounts.length > 1 || report.source.regions.length > 1;
  block('', '', 0, `kubelift assessment · ${plural(report.source.accounts.length, 'account')} · ${plural(report.source.regions.length, 'region')} · ${report.generatedAt}`);
  block('', '', 0, `${plural(summary.workloads, 'workload')}, ${plural(summary.singlePointsOfFailure, 'single point of failure', 'single points of failure')} · findings: ${severityCounts(report)}`);
  for (const c of view.coverageErrors) {
    block('! ', paint('33', '! '), 2, `not collected: ${c.service} in ${c.accountId} ${c.region} (${c.error ?? c.errorCode ?? 'error'}); rules that need it are unknown`);
  }

  const finding = (f: ReportFinding, showResource: boolean): void => {
    const label = f.severity.toUpperCase();
    block(`  ${label}`, `  ${paint(SEVERITY_COLOR[f.severity], label)}`, 12, `${f.title} (${f.ruleId})${f.spof ? ' [SPOF]' : ''}`);
    block('', '', 12, f.message);
    if (showResource) block('', '', 12, `on ${typeLabel(f.resource.type)} ${terminalLabel(f.resource)}${multiRegion ? ` (${f.resource.accountId} ${f.resource.region})` : ''}`);
    block('', '', 12, `Kubernetes: ${f.kubernetes.equivalent}${f.kubernetes.remediation ? ` ${f.kubernetes.remediation}` : ''}`);
    if (f.remediation) block('', '', 12, `Fix on AWS: ${f.remediation}`);
  };

  const clean: string[] = [];
  for (const { workload, findings } of view.workloads) {
    if (!findings.length) {
      clean.push(workload.name === workload.id ? workload.id : `${workload.name} (${workload.id})`);
      continue;
    }
    out.push('');
    const marker = workload.spof ? 'SPOF' : 'RISK';
    const name = workload.name === workload.id ? workload.id : `${workload.name} (${workload.id})`;
    block(`${marker} `, `${paint(workload.spof ? '1;31' : '33', marker)} `, 5, `${name} · ${workloadLine(workload)}`);
    for (const f of findings) finding(f, f.resource.type !== 'AWS::AutoScaling::AutoScalingGroup' || workload.origin !== 'auto-scaling-group');
    yield* ready(out);
  }
  if (view.unassigned.length) {
    out.push('');
    out.push(paint('1', 'Outside any workload'));
    for (const f of view.unassigned) {
      finding(f, true);
      yield* ready(out);
    }
  }
  if (clean.length) {
    out.push('');
    const more = clean.length > CLEAN_SHOWN ? `, and ${clean.length - CLEAN_SHOWN} more` : '';
    block('ok ', `${paint('32', 'ok')} `, 5, `${plural(clean.length, 'workload')} with no findings: ${clean.slice(0, CLEAN_SHOWN).join(', ')}${more}`);
  }
  if (report.undetermined.length) {
    const errors = report.undetermined.filter((u) => u.status === 'error').length;
    out.push('');
    block('? ', `${paint('33', '?')} `, 2, `${plural(report.undetermined.length, 'check')} could not be decided (${errors} errors, ${report.undetermined.length - errors} unknown); they are not counted as passed`);
    for (const u of report.undetermined.slice(0, UNDETERMINED_SHOWN)) {
      block(`  ${u.status}`, `  ${paint('33', u.status)}`, 12, `${u.ruleId} on ${resourceLabel(u.resource)}: ${u.detail}`);
    }
    if (report.undetermined.length > UNDETERMINED_SHOWN) block('', '', 12, `… and ${report.undetermined.length - UNDETERMINED_SHOWN} more in the JSON report (--format json)`);
  }
  yield out.end();
}
