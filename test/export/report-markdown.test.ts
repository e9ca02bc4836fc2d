import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderReportMarkdown } from '../../src/export/report-markdown.js';
import { fixtureReport } from './report-fixture.js';

describe('renderReportMarkdown', () => {
  const markdown = renderReportMarkdown(fixtureReport());

  it('opens with the summary a planning document needs', () => {
    expect(markdown.startsWith('# kubelift assessment\n')).toBe(true);
    expect(markdown).toContain('| Workloads | 3 (2 single points of failure) |');
    expect(markdown).toContain('| Findings | 1 critical, 1 high, 1 medium, 1 low |');
  });

  it('lists SPOF workloads first, then by their worst finding', () => {
    const rows = markdown.split('\n').filter((l) => /^\| (\*\*SPOF\*\*)? \| /.test(l));
    expect(rows.map((r) => /\(`([a-z]+)`\)/.exec(r)?.[1])).toEqual(['db', 'web', 'api']);
    expect(rows[0]).toMatch(/^\| \*\*SPOF\*\* \|/);
    expect(rows[2]).toMatch(/^\| {2}\|.*\| none \|$/);
  });

  it('groups findings under their workload with the Kubernetes equivalent and the AWS fix', () => {
    const web = markdown.slice(markdown.indexOf('### web'));
    expect(web).toContain('- **HIGH** · **SPOF** · Rule asg-min-one (`asg-min-one`)');
    expect(web).toContain('  - Group web may shrink to 1 instance');
    expect(web).toContain('  - On Kubernetes: replicas of at least 2 and a PodDisruptionBudget. The exported values set replicaCount: 2.');
    expect(web).toContain('  - Fix on AWS: Raise MinSize to 2.');
    expect(markdown).toContain('### Resources outside any workload');
  });

  it('says what was not collected and which checks could not be decided', () => {
    expect(markdown).toContain('## Not collected');
    expect(markdown).toContain('- `elb` in 123456789012 eu-west-1: User is not authorized to perform elasticloadbalancing:DescribeLoadBalancers');
    expect(markdown).toContain('## Checks that could not be decided');
    expect(markdown).toMatch(/\| `instance-broken` \| error \| AWS::EC2::Instance .* \| condition could not be evaluated: No such key: NoSuchField \|/);
  });

  it('escapes names from AWS so they cannot break tables or inject HTML', () => {
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('db\\|&lt;script&gt;alert(1)&lt;/script&gt;\\*\\_\\`x\\`');
    // The workloads table and the undecided checks have 4 columns: an escaped pipe in a name must not add one.
    const rows = markdown.split('\n').filter((l) => l.startsWith('| ') && l.includes('db\\|'));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
    expect(escapeMarkdown('a\nb|c')).toBe('a b\\|c');
  });

  it('is deterministic', () => {
    expect(renderReportMarkdown(fixtureReport())).toBe(markdown);
  });
});
