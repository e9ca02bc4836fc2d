import { describe, expect, it } from 'vitest';
import { buildReport, renderReportJson, renderReportJsonChunks, type Report, type ReportFinding } from '../../src/export/report-json.js';
import { assessModel } from '../../src/rules/assess.js';
import { rule } from '../rules/engine/rule-files.js';
import { ACCOUNT, REGION, refTo, snapshotOf, tinyModel } from '../rules/engine/tiny-model.js';
import { fixtureAssessment, fixtureReport, HOSTILE_NAME } from './report-fixture.js';

describe('buildReport', () => {
  it('summarises resources, workloads, findings per severity, SPOFs and every check status', () => {
    const report = fixtureReport();
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'kubelift', version: '1.2.3' });
    expect(report.generatedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(report.summary.resources['AWS::EC2::Instance']).toBe(3);
    expect(report.summary.resources['AWS::ElasticLoadBalancing::LoadBalancer']).toBe(0);
    expect(Object.keys(report.summary.resources)).toHaveLength(18);
    expect(report.summary.findings).toEqual({ critical: 1, high: 1, medium: 1, low: 1, info: 0 });
    expect(report.summary.workloads).toBe(3);
    expect(report.summary.singlePointsOfFailure).toBe(2);
    expect(report.summary.spofFindings).toBe(2);
    // 2 rules × 2 groups, 3 rules × 3 instances, 1 rule × 1 target group = 14 checks.
    expect(report.summary.checks).toEqual({ fires: 4, passes: 4, 'not-applicable': 0, error: 3, unknown: 3 });
  });

  it('lists workloads by id with their findings worst first, SPOF verdicts and resources', () => {
    const report = fixtureReport();
    expect(report.workloads.map((w) => [w.id, w.spof, w.findings])).toEqual([
      ['api', false, []],
      ['db', true, ['instance-data-volume:instance:i-0aaaaaaaaaaaaaaa2']],
      ['web', true, ['asg-min-one:asg:123456789012:eu-west-1:web', 'asg-ec2-health-check:asg:123456789012:eu-west-1:web']],
    ]);
    expect(report.workloads[1]).toMatchObject({ name: HOSTILE_NAME, origin: 'standalone-instance', instances: { total: 1, running: 1 } });
    expect(report.workloads[2]!.resources.map((r) => r.type)).toEqual(['AWS::AutoScaling::AutoScalingGroup', 'AWS::EC2::Instance']);
  });

  it('keeps findings outside any workload, and every undecided check with its reason', () => {
    const report = fixtureReport();
    const idle = report.findings.find((f) => f.ruleId === 'target-group-idle')!;
    expect(idle.workloadId).toBeUndefined();
    expect(idle.resource.arn).toMatch(/^arn:aws:elasticloadbalancing:/);
    expect(report.undetermined.map((u) => [u.ruleId, u.status, u.resource.id])).toEqual([
      ['instance-behind-lb', 'unknown', 'i-0aaaaaaaaaaaaaaa1'],
      ['instance-behind-lb', 'unknown', 'i-0aaaaaaaaaaaaaaa2'],
      ['instance-behind-lb', 'unknown', 'i-0aaaaaaaaaaaaaaa3'],
      ['instance-broken', 'error', 'i-0aaaaaaaaaaaaaaa1'],
      ['instance-broken', 'error', 'i-0aaaaaaaaaaaaaaa2'],
      ['instance-broken', 'error', 'i-0aaaaaaaaaaaaaaa3'],
    ]);
    expect(report.undetermined[0]!.detail).toMatch(/^elb was not collected in 123456789012 eu-west-1: User is not authorized/);
  });

  it('fills each workload’s kubernetes field from the mapping callback, and leaves it out without one', () => {
    expect(fixtureReport().workloads.every((w) => !('kubernetes' in w))).toBe(true);
    const report = fixtureReport({ kubernetesOf: (id) => (id === 'db' ? { kind: 'StatefulSet', replicas: 1 } : undefined) });
    expect(report.workloads.find((w) => w.id === 'db')!.kubernetes).toEqual({ kind: 'StatefulSet', replicas: 1 });
    expect('kubernetes' in report.workloads.find((w) => w.id === 'web')!).toBe(false);
  });

  it('describes the evaluated rules without the machine paths of their files', () => {
    const report = fixtureReport();
    expect(report.rules.map((r) => r.id)).toEqual(['asg-ec2-health-check', 'asg-min-one', 'instance-behind-lb', 'instance-broken', 'instance-data-volume', 'target-group-idle']);
    expect(JSON.stringify(report)).not.toMatch(/\.yaml/);
  });

  it('lists a finding on a shared resource under every workload it serves', () => {
    const lbArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/shared/0123456789abcdef`;
    const snapshot = snapshotOf({ 'AWS::ElasticLoadBalancingV2::LoadBalancer': [{ LoadBalancerArn: lbArn, LoadBalancerName: 'shared' }] });
    const lb = refTo(snapshot, 'AWS::ElasticLoadBalancingV2::LoadBalancer', lbArn);
    const model = tinyModel(snapshot, {}, [
      { id: 'one', members: [lb] },
      { id: 'two', members: [lb] },
    ]);
    const report = buildReport(assessModel(model, [rule({ id: 'lb-one-zone', resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', spof: true, condition: "'x' == 'x'", message: 'one zone' })]), { toolVersion: '1', generatedAt: '2026-01-01T00:00:00.000Z' });
    expect(report.findings[0]).toMatchObject({ workloadId: 'one', workloadIds: ['one', 'two'] });
    expect(report.workloads.map((w) => [w.id, w.spof, w.findings])).toEqual([
      ['one', true, [report.findings[0]!.id]],
      ['two', true, [report.findings[0]!.id]],
    ]);
    expect(report.summary.singlePointsOfFailure).toBe(2);
  });

  it('lists the findings of an evaluation as they are, in the bytes a copy of them would give', () => {
    const meta = { toolVersion: '1.2.3', generatedAt: '2026-01-02T03:04:05.000Z' };
    const assessment = fixtureAssessment();
    const report = buildReport(assessment, meta);
    expect(report.findings[0]).toBe(assessment.findings[0]);
    // A copy of the list is not marked, so the report copies each finding in the report's order.
    const copied = buildReport({ ...assessment, findings: [...assessment.findings] }, meta);
    expect(copied.findings[0]).not.toBe(assessment.findings[0]);
    expect(renderReportJson(report)).toBe(renderReportJson(copied));
  });

  it('is byte-identical for the same assessment', () => {
    const meta = { toolVersion: '1.2.3', generatedAt: '2026-01-02T03:04:05.000Z' };
    expect(renderReportJson(buildReport(fixtureAssessment(), meta))).toBe(renderReportJson(buildReport(fixtureAssessment(), meta)));
    expect(renderReportJson(fixtureReport()).endsWith('}\n')).toBe(true);
  });
});

describe('renderReportJsonChunks', () => {
  const joined = (report: Report): string => [...renderReportJsonChunks(report)].join('');

  /** The fixture report with its findings repeated, each a little different in length, so lists span many pieces. */
  function largeReport(copies: number): Report {
    const report = fixtureReport({ kubernetesOf: (id) => ({ kind: 'Deployment', replicas: 2, todo: [{ title: `move ${id} – with “quotes”` }] }) });
    const findings: ReportFinding[] = [];
    for (let i = 0; i < copies; i++) for (const f of report.findings) findings.push({ ...f, id: `${f.id}#${i}`, message: `${f.message} ${'x'.repeat(i % 97)}` });
    return { ...report, findings, workloads: Array.from({ length: copies }, (_, i) => ({ ...report.workloads[i % 3]!, id: `w-${i}` })) };
  }

  it('gives exactly the bytes of renderReportJson', () => {
    const cases: [string, Report][] = [
      ['fixture', fixtureReport()],
      ['with kubernetes summaries', fixtureReport({ kubernetesOf: (id) => (id === 'db' ? { kind: 'StatefulSet', replicas: 1, warnings: [] } : undefined) })],
      ['empty lists', { ...fixtureReport(), workloads: [], findings: [], undetermined: [], rules: [], source: { accounts: [], regions: [], coverage: [] } }],
      ['non-ASCII text', { ...fixtureReport(), generatedAt: 'it’s − 5 °C ☃ 𝄞', findings: fixtureReport().findings.map((f) => ({ ...f, message: `${f.message} – it’s “quoted” \u2028 \u0000 𝄞` })) }],
      ['one element per list', { ...fixtureReport(), findings: fixtureReport().findings.slice(0, 1), workloads: fixtureReport().workloads.slice(0, 1) }],
      ['large lists', largeReport(3000)],
    ];
    for (const [name, report] of cases) expect(joined(report), name).toBe(renderReportJson(report));
  });

  it('leaves out undefined fields and keeps odd keys, as JSON.stringify does', () => {
    const odd = { ...fixtureReport(), extra: undefined, ['__proto__']: [1, undefined, 'two'], 'a "quoted" key': [] } as unknown as Report;
    expect(joined(odd)).toBe(renderReportJson(odd));
    expect(joined({} as Report)).toBe(renderReportJson({} as Report));
    expect(joined({ findings: [] } as unknown as Report)).toBe(renderReportJson({ findings: [] } as unknown as Report));
  });

  it('never holds a large report as one string: the pieces stay small', () => {
    const report = largeReport(3000);
    const pieces = [...renderReportJsonChunks(report)];
    const total = pieces.reduce((n, p) => n + p.length, 0);
    expect(total).toBeGreaterThan(4_000_000);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(100_000);
  });
});
