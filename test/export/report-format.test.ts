import { describe, expect, it } from 'vitest';
import { formatOfPath, REPORT_FORMATS, renderReport, renderReportChunks } from '../../src/export/report-format.js';
import type { Report } from '../../src/export/report-json.js';
import { fixtureReport } from './report-fixture.js';

/** The fixture report with a long message of characters outside the BMP, shifted by `offset` characters. */
function astralReport(offset: number): Report {
  const report = fixtureReport();
  return { ...report, findings: report.findings.map((f, i) => (i === 0 ? { ...f, message: `${'x'.repeat(offset)}${'𝄞'.repeat(70_000)}` } : f)) };
}

describe('renderReportChunks', () => {
  it('gives, joined, the bytes of renderReport in every format', () => {
    for (const format of REPORT_FORMATS) {
      for (const report of [fixtureReport(), astralReport(0), astralReport(1)]) {
        const pieces = [...renderReportChunks(report, format, { color: true, width: 72 })];
        const whole = renderReport(report, format, { color: true, width: 72 });
        expect(pieces.join(''), format).toBe(whole);
        expect(Buffer.concat(pieces.map((p) => Buffer.from(p))).equals(Buffer.from(whole)), format).toBe(true);
      }
    }
  });

  it('cuts a long text into pieces without splitting a character', () => {
    for (const report of [astralReport(0), astralReport(1)]) {
      const pieces = [...renderReportChunks(report, 'markdown')];
      expect(pieces.length).toBeGreaterThan(1);
      // Half a surrogate pair would come back from UTF-8 as U+FFFD.
      for (const piece of pieces) expect(Buffer.from(piece).toString()).toBe(piece);
    }
  });
});

describe('formatOfPath', () => {
  it('knows the report formats by file name', () => {
    expect(['r.json', 'r.sarif', 'r.sarif.json', 'R.MD', 'r.markdown', 'r.html', 'r.htm', 'r.txt', 'r.yaml'].map(formatOfPath)).toEqual(['json', 'sarif', 'sarif', 'markdown', 'markdown', 'html', 'html', 'table', undefined]);
  });
});
