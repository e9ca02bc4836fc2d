/** The report formats and the one function that picks a renderer. */
import { renderReportHtml } from './report-html.js';
import { renderReportJson, renderReportJsonChunks, type Report } from './report-json.js';
import { renderReportMarkdown } from './report-markdown.js';
import { renderReportSarif } from './report-sarif.js';
import { renderReportTable, type TableOptions } from './report-table.js';

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
  switch (format) {
    case 'json':
      return renderReportJson(report);
    case 'table':
      return renderReportTable(report, table);
    case 'markdown':
      return renderReportMarkdown(report);
    case 'html':
      return renderReportHtml(report);
    case 'sarif':
      return renderReportSarif(report);
  }
}

/** How long a piece of a whole rendered text is, in characters; see renderReportChunks. */
const PIECE_LENGTH = 64 * 1024;

/** A text in pieces, never cutting between the two halves of a character outside the BMP (a UTF-16 surrogate pair). */
function* piecesOf(text: string): Generator<string> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + PIECE_LENGTH, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(start, end);
    start = end;
  }
}

/**
 * Renders a report as pieces of text that, joined, are renderReport's text. The
 * JSON report comes a field or a batch of list elements at a time, so a large
 * one is never whole in memory. The other formats are rendered whole and cut
 * into pieces, so that writing them needs no Buffer as large as the text.
 */
export function renderReportChunks(report: Report, format: ReportFormat, table: TableOptions = { color: false, width: 100 }): Iterable<string> {
  return format === 'json' ? renderReportJsonChunks(report) : piecesOf(renderReport(report, format, table));
}
