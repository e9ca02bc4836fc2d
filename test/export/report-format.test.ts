import { describe, expect, it } from 'vitest';
import { formatOfPath, REPORT_FORMATS, renderReport, renderReportChunks } from '../../src/export/report-format.js';
import type { Report } from '../../src/export/report-json.js';
import { buildSarif } from '../../src/export/report-sarif.js';
import { fixtureReport } from './report-fixture.js';

/** The fixture report with its workloads and findings repeated `times` times under new ids. */
function largeReport(times: number): Report {
  const report = fixtureReport();
  const workloads = [];
  const findings = [];
  for (let n = 0; n < times; n++) {
    workloads.push(...report.workloads.map((w) => ({ ...w, id: `${w.id}-${n}`, findings: w.findings.map((id) => `${id}-${n}`) })));
    findings.push(...report.findings.map((f) => ({ ...f, id: `${f.id}-${n}`, ...(f.workloadId ? { workloadId: `${f.workloadId}-${n}` } : {}) })));
  }
  return { ...report, workloads, findings, summary: { ...report.summary, workloads: workloads.length } };
}

/** The fixture report with a long message of characters outside the BMP, shifted by `offset` characters. */
function astralReport(offset: number): Report {
  const report = fixtureReport();
  return { ...report, findings: report.findings.map((f, i) => (i === 0 ? { ...f, message: `${'x'.repeat(offset)}${'𝄞'.repeat(70_000)}` } : f)) };
}

describe('renderReportChunks', () => {
  it('gives, joined, exactly JSON.stringify with two-space indent for the JSON formats', () => {
    for (const report of [fixtureReport(), astralReport(0), astralReport(1), largeReport(300)]) {
      expect([...renderReportChunks(report, 'json')].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
      expect([...renderReportChunks(report, 'sarif')].join('')).toBe(`${JSON.stringify(buildSarif(report), null, 2)}\n`);
    }
  });

  it('renders a large report in every format a few workloads at a time, never as one string', () => {
    const report = largeReport(300);
    for (const format of REPORT_FORMATS) {
      const pieces = [...renderReportChunks(report, format, { color: true, width: 72 })];
      const total = pieces.reduce((sum, p) => sum + p.length, 0);
      expect(pieces.length, format).toBeGreaterThan(10);
      expect(Math.max(...pieces.map((p) => p.length)), format).toBeLessThan(Math.max(256 * 1024, total / 10));
      expect(pieces.join(''), format).toBe(renderReport(report, format, { color: true, width: 72 }));
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
