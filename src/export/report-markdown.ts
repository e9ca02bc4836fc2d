/**
 * The report as Markdown, for pasting into a planning document or a pull
 * request. Every value that comes from AWS (names, tags, messages) is escaped,
 * so a name like `a|b` or `<script>` cannot break the table or the page.
 *
 * @example
 * # kubelift assessment
 * | Workloads | 5 (2 single points of failure) |
 * ## Workloads
 * | | Workload | On AWS | Findings |
 * | SPOF | web (`web`) | Auto Scaling group, 1 of 1 instances running in eu-west-1a | 1 high |
 */
import type { Report, ReportFinding } from './report-json.js';
import { plural, resourceLabel, severityCounts, viewOf, workloadLine } from './report-view.js';
import { ready, TextPieces } from './text-pieces.js';

/** Escapes text for Markdown prose and table cells. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]#|~])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

const code = (text: string): string => {
  // A code span needs a fence longer than any backtick run inside it.
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
};

function findingBlock(finding: ReportFinding): string[] {
  const lines = [
    `- **${finding.severity.toUpperCase()}**${finding.spof ? ' · **SPOF**' : ''} · ${escapeMarkdown(finding.title)} (${code(finding.ruleId)})`,
    `  - ${escapeMarkdown(finding.message)}`,
    `  - Resource: ${escapeMarkdown(finding.resource.type)} ${escapeMarkdown(resourceLabel(finding.resource))}, ${escapeMarkdown(finding.resource.accountId)} ${escapeMarkdown(finding.resource.region)}`,
    `  - On Kubernetes: ${escapeMarkdown(finding.kubernetes.equivalent)}${finding.kubernetes.remediation ? ` ${escapeMarkdown(finding.kubernetes.remediation)}` : ''}`,
  ];
  if (finding.remediation) lines.push(`  - Fix on AWS: ${escapeMarkdown(finding.remediation)}`);
  return lines;
}

/** Renders the report as Markdown. Pure. */
export function renderReportMarkdown(report: Report): string {
  return [...renderReportMarkdownPieces(report)].join('');
}

/** The text of renderReportMarkdown in pieces: a large estate's report is never one string. */
export function* renderReportMarkdownPieces(report: Report): Generator<string> {
  const view = viewOf(report);
  const { summary } = report;
  const out = new TextPieces();
  out.push('# kubelift assessment', '');
  out.push(
    `Generated ${escapeMarkdown(report.generatedAt)} by kubelift ${escapeMarkdown(report.tool.version)} from ${plural(report.source.accounts.length, 'account')} (${escapeMarkdown(report.source.accounts.join(', ') || 'none')}) and ${plural(report.source.regions.length, 'region')} (${escapeMarkdown(report.source.regions.join(', ') || 'none')}).`,
    '',
    '## Summary',
    '',
    '| | |',
    '| --- | --- |',
    `| Workloads | ${summary.workloads} (${plural(summary.singlePointsOfFailure, 'single point of failure', 'single points of failure')}) |`,
    `| Findings | ${severityCounts(report)} |`,
    `| Checks | ${summary.checks.fires} fired, ${summary.checks.passes} passed, ${summary.checks['not-applicable']} not applicable, ${summary.checks.error} errors, ${summary.checks.unknown} unknown |`,
    '',
  );

  if (view.coverageErrors.length) {
    out.push('## Not collected', '', 'These parts of the estate could not be read; rules that need them are reported as unknown, not as passed.', '');
    for (const c of view.coverageErrors) out.push(`- ${code(c.service)} in ${escapeMarkdown(c.accountId)} ${escapeMarkdown(c.region)}: ${escapeMarkdown(c.error ?? c.errorCode ?? 'error')}`);
    out.push('');
  }

  out.push('## Workloads', '');
  if (view.workloads.length === 0) out.push('No workloads were found.', '');
  else {
    out.push('| | Workload | On AWS | Findings |', '| --- | --- | --- | --- |');
    for (const { workload, findings } of view.workloads) {
      const counts = findings.length ? `${findings.length} (worst: ${findings[0]!.severity})` : 'none';
      out.push(`| ${workload.spof ? '**SPOF**' : ''} | ${escapeMarkdown(workload.name)} (${code(workload.id)}) | ${escapeMarkdown(workloadLine(workload))} | ${counts} |`);
      yield* ready(out);
    }
    out.push('');
  }

  out.push('## Findings', '');
  if (report.findings.length === 0) out.push('No findings.', '');
  for (const { workload, findings } of view.workloads) {
    if (!findings.length) continue;
    out.push(`### ${escapeMarkdown(workload.name)} (${code(workload.id)})${workload.spof ? ' — single point of failure' : ''}`, '');
    for (const finding of findings) out.push(...findingBlock(finding));
    out.push('');
    yield* ready(out);
  }
  if (view.unassigned.length) {
    out.push('### Resources outside any workload', '');
    for (const finding of view.unassigned) {
      out.push(...findingBlock(finding));
      yield* ready(out);
    }
    out.push('');
  }

  if (report.undetermined.length) {
    out.push('## Checks that could not be decided', '', '| Rule | Status | Resource | Why |', '| --- | --- | --- | --- |');
    for (const u of report.undetermined) {
      yield* ready(out);
      out.push(`| ${code(u.ruleId)} | ${u.status} | ${escapeMarkdown(u.resource.type)} ${escapeMarkdown(resourceLabel(u.resource))} (${escapeMarkdown(u.resource.accountId)} ${escapeMarkdown(u.resource.region)}) | ${escapeMarkdown(u.detail)} |`);
    }
    out.push('');
  }
  yield out.end({ dropTrailingBlanks: true });
}
