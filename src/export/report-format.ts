/** The report formats and the one function that picks a renderer. */
import { renderReportHtmlPieces } from './report-html.js';
import { renderReportJsonChunks, type Report } from './report-json.js';
import { renderReportMarkdownPieces } from './report-markdown.js';
import { renderReportSarifPieces } from './report-sarif.js';
import { renderReportTablePieces, type TableOptions } from './report-table.js';

export const REPORT_FORMATS = ['json', 'table', 'markdown', 'html', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The format a file name implies (`report.md` → markdown), or undefined. */
export function formatOfPath(path: string): ReportFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.sarif') || lower.endsWith('.sarif.json')) return 'sarif';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  if (lower.endsWith('.txt')) return 'table';
  return undefined;
}

/** Renders a report in a format. Pure. */
export function renderReport(report: Report, format: ReportFormat, table: TableOptions = { color: false, width: 100 }): string {
  return [...renderReportChunks(report, format, table)].join('');
}

/**
 * Renders a report as pieces of text that, joined, are renderReport's text:
 * every format comes a few workloads or list elements at a time, so a large
 * report is written as it is rendered and is never whole in memory.
 */
export function renderReportChunks(report: Report, format: ReportFormat, table: TableOptions = { color: false, width: 100 }): Iterable<string> {
  switch (format) {
    case 'json':
      return renderReportJsonChunks(report);
    case 'table':
      return renderReportTablePieces(report, table);
    case 'markdown':
      return renderReportMarkdownPieces(report);
    case 'html':
      return renderReportHtmlPieces(report);
    case 'sarif':
      return renderReportSarifPieces(report);
  }
}
