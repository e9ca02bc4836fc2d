import { describe, expect, it } from 'vitest';
import { renderReportTable, wrap } from '../../src/export/report-table.js';
import { fixtureReport } from './report-fixture.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('renderReportTable', () => {
  it('groups findings by workload, SPOFs first, and lists clean workloads in one line', () => {
    const text = renderReportTable(fixtureReport(), { color: false, width: 100 });
    const heads = text.split('\n').filter((l) => /^(SPOF|RISK|ok) /.test(l));
    expect(heads.map((l) => l.slice(0, 4))).toEqual(['SPOF', 'SPOF', 'ok  ']);
    expect(heads[0]).toMatch(/^SPOF db\|<script>alert\(1\)<\/script>\*_`x`\?\[31m \(db\) · standalone instance/);
    expect(heads[1]).toMatch(/^SPOF web · Auto Scaling group, 1 of 1 instances running/);
    expect(heads[2]).toBe('ok   1 workload with no findings: api');
    expect(text).toContain('  CRITICAL  Rule instance-data-volume (instance-data-volume) [SPOF]');
    expect(text).toContain('Outside any workload');
    expect(text).toMatch(/\? 6 checks could not be decided \(3 errors, 3 unknown\); they are not counted as passed/);
  });

  it('uses no colour and no control characters unless asked, and colours severities when asked', () => {
    const plain = renderReportTable(fixtureReport(), { color: false, width: 100 });
    // eslint-disable-next-line no-control-regex
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    const colored = renderReportTable(fixtureReport(), { color: true, width: 100 });
    expect(colored).toContain('\u001b[1;31mCRITICAL\u001b[0m');
    expect(colored).toContain('\u001b[1;31mSPOF\u001b[0m');
    expect(colored.replace(ANSI, '')).toBe(plain);
  });

  it('wraps every line to the terminal width', () => {
    for (const width of [40, 60, 100]) {
      const text = renderReportTable(fixtureReport(), { color: false, width });
      const longest = Math.max(...text.split('\n').map((l) => l.length));
      expect(longest).toBeLessThanOrEqual(width);
      expect(longest).toBeGreaterThan(width - 15);
    }
    expect(wrap('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
    expect(wrap('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});
