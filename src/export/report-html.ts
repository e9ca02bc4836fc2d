/**
 * The report as one self-contained HTML page (inline style, no scripts, no
 * external resources), for people in a planning meeting. Every value is
 * escaped: resource names and tags are user data.
 */
import type { Severity } from '../rules/types.js';
import type { Report, ReportFinding } from './report-json.js';
import { plural, resourceLabel, severityCounts, viewOf, workloadLine } from './report-view.js';
import { ready, TextPieces } from './text-pieces.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de}h3{font-size:1.05rem;margin-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
.sev{display:inline-block;min-width:4.5rem;font-weight:600;font-size:.8rem;text-transform:uppercase}
.critical{color:#a40e26}.high{color:#cf222e}.medium{color:#9a6700}.low{color:#0969da}.info{color:#57606a}
.spof{background:#cf222e;color:#fff;border-radius:.3rem;padding:0 .35rem;font-size:.75rem;font-weight:600}
.finding{border-left:3px solid #d0d7de;margin:.6rem 0;padding:.2rem .8rem}.finding p{margin:.2rem 0}.muted{color:#57606a}
`.trim();

const SEVERITY_CLASS: Record<Severity, string> = { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'info' };

function findingHtml(f: ReportFinding): string {
  const parts = [
    `<div class="finding" id="${escapeHtml(`finding-${f.id}`)}">`,
    `<p><span class="sev ${SEVERITY_CLASS[f.severity]}">${f.severity}</span> ${f.spof ? '<span class="spof">SPOF</span> ' : ''}<strong>${escapeHtml(f.title)}</strong> <code class="muted">${escapeHtml(f.ruleId)}</code></p>`,
    `<p>${escapeHtml(f.message)}</p>`,
    `<p class="muted">${escapeHtml(f.resource.type)} ${escapeHtml(resourceLabel(f.resource))} · ${escapeHtml(f.resource.accountId)} ${escapeHtml(f.resource.region)}</p>`,
    `<p><strong>On Kubernetes:</strong> ${escapeHtml(f.kubernetes.equivalent)}${f.kubernetes.remediation ? ` ${escapeHtml(f.kubernetes.remediation)}` : ''}</p>`,
  ];
  if (f.remediation) parts.push(`<p><strong>Fix on AWS:</strong> ${escapeHtml(f.remediation)}</p>`);
  parts.push('</div>');
  return parts.join('\n');
}

/** Renders the report as a standalone HTML page. Pure. */
export function renderReportHtml(report: Report): string {
  return [...renderReportHtmlPieces(report)].join('');
}

/** The text of renderReportHtml in pieces: a large estate's page is never one string. */
export function* renderReportHtmlPieces(report: Report): Generator<string> {
  const view = viewOf(report);
  const { summary } = report;
  const page = new TextPieces();
  page.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="kubelift ${escapeHtml(report.tool.version)}">`,
    '<title>kubelift assessment</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
  );
  page.push(
    '<h1>kubelift assessment</h1>',
    `<p class="muted">Generated ${escapeHtml(report.generatedAt)} by kubelift ${escapeHtml(report.tool.version)} from ${plural(report.source.accounts.length, 'account')} (${escapeHtml(report.source.accounts.join(', ') || 'none')}) and ${plural(report.source.regions.length, 'region')} (${escapeHtml(report.source.regions.join(', ') || 'none')}).</p>`,
    '<h2>Summary</h2>',
    '<table>',
    `<tr><th>Workloads</th><td>${summary.workloads} (${plural(summary.singlePointsOfFailure, 'single point of failure', 'single points of failure')})</td></tr>`,
    `<tr><th>Findings</th><td>${escapeHtml(severityCounts(report))}</td></tr>`,
    `<tr><th>Checks</th><td>${summary.checks.fires} fired, ${summary.checks.passes} passed, ${summary.checks['not-applicable']} not applicable, ${summary.checks.error} errors, ${summary.checks.unknown} unknown</td></tr>`,
    '</table>',
  );
  if (view.coverageErrors.length) {
    page.push('<h2>Not collected</h2>', '<p>These parts of the estate could not be read; rules that need them are reported as unknown, not as passed.</p>', '<ul>');
    for (const c of view.coverageErrors) page.push(`<li><code>${escapeHtml(c.service)}</code> in ${escapeHtml(c.accountId)} ${escapeHtml(c.region)}: ${escapeHtml(c.error ?? c.errorCode ?? 'error')}</li>`);
    page.push('</ul>');
  }
  page.push('<h2>Workloads</h2>');
  if (!view.workloads.length) page.push('<p>No workloads were found.</p>');
  else {
    page.push('<table>', '<tr><th></th><th>Workload</th><th>On AWS</th><th>Findings</th></tr>');
    for (const { workload, findings } of view.workloads) {
      const name = findings.length ? `<a href="#workload-${escapeHtml(workload.id)}">${escapeHtml(workload.name)}</a>` : escapeHtml(workload.name);
      page.push(
        `<tr><td>${workload.spof ? '<span class="spof">SPOF</span>' : ''}</td><td>${name} <code class="muted">${escapeHtml(workload.id)}</code></td><td>${escapeHtml(workloadLine(workload))}</td><td>${findings.length ? `${findings.length} (worst: <span class="${SEVERITY_CLASS[findings[0]!.severity]}">${findings[0]!.severity}</span>)` : 'none'}</td></tr>`,
      );
      yield* ready(page);
    }
    page.push('</table>');
  }
  page.push('<h2>Findings</h2>');
  if (!report.findings.length) page.push('<p>No findings.</p>');
  for (const { workload, findings } of view.workloads) {
    if (!findings.length) continue;
    page.push(`<h3 id="workload-${escapeHtml(workload.id)}">${escapeHtml(workload.name)} <code class="muted">${escapeHtml(workload.id)}</code>${workload.spof ? ' <span class="spof">SPOF</span>' : ''}</h3>`);
    page.push(`<p class="muted">${escapeHtml(workloadLine(workload))}</p>`);
    for (const f of findings) page.push(findingHtml(f));
    yield* ready(page);
  }
  if (view.unassigned.length) {
    page.push('<h3>Resources outside any workload</h3>');
    for (const f of view.unassigned) {
      page.push(findingHtml(f));
      yield* ready(page);
    }
  }
  if (report.undetermined.length) {
    page.push('<h2>Checks that could not be decided</h2>', '<table>', '<tr><th>Rule</th><th>Status</th><th>Resource</th><th>Why</th></tr>');
    for (const u of report.undetermined) {
      yield* ready(page);
      page.push(`<tr><td><code>${escapeHtml(u.ruleId)}</code></td><td>${u.status}</td><td>${escapeHtml(u.resource.type)} ${escapeHtml(resourceLabel(u.resource))} (${escapeHtml(u.resource.accountId)} ${escapeHtml(u.resource.region)})</td><td>${escapeHtml(u.detail)}</td></tr>`);
    }
    page.push('</table>');
  }
  page.push('</body>', '</html>');
  yield page.end();
}
