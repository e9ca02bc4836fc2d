import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReportHtml } from '../../src/export/report-html.js';
import { fixtureReport } from './report-fixture.js';

describe('renderReportHtml', () => {
  const html = renderReportHtml(fixtureReport());

  it('is one self-contained page: no scripts, no external resources', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|src=|href="(https?:)?\/\//i);
    expect(html).toContain('<style>');
  });

  it('escapes every value from AWS', () => {
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('db|&lt;script&gt;alert(1)&lt;/script&gt;*_`x`');
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('shows SPOF workloads first, each finding with its remedies, and the undecided checks', () => {
    const rows = [...html.matchAll(/<tr><td>(<span class="spof">SPOF<\/span>)?<\/td><td>.*?<code class="muted">([a-z]+)<\/code>/g)].map((m) => [m[2], Boolean(m[1])]);
    expect(rows).toEqual([
      ['db', true],
      ['web', true],
      ['api', false],
    ]);
    expect(html).toContain('<p><strong>On Kubernetes:</strong> replicas of at least 2 and a PodDisruptionBudget. The exported values set replicaCount: 2.</p>');
    expect(html).toContain('<h2>Checks that could not be decided</h2>');
    expect(html.match(/<div /g)?.length).toBe(html.match(/<\/div>/g)?.length);
    expect(html.match(/<table>/g)?.length).toBe(html.match(/<\/table>/g)?.length);
  });
});
