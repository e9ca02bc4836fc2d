import { describe, expect, it } from 'vitest';
import { buildSarif, renderReportSarif } from '../../src/export/report-sarif.js';
import { fixtureReport } from './report-fixture.js';

interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string }; helpUri?: string }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string }; associatedRule: { id: string; index?: number } }[] }[];
    results: { ruleId: string; ruleIndex: number; level: string; kind: string; message: { text: string }; locations: { logicalLocations: { fullyQualifiedName: string; kind: string }[] }[]; partialFingerprints: Record<string, string> }[];
  }[];
}

describe('renderReportSarif', () => {
  const report = fixtureReport();
  const sarif = buildSarif(report) as unknown as SarifLog;
  const run = sarif.runs[0]!;

  it('is a SARIF 2.1.0 log with one run of kubelift and a descriptor per rule', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'kubelift', version: '1.2.3' });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(report.rules.map((r) => r.id));
    const minOne = run.tool.driver.rules.find((r) => r.id === 'asg-min-one')!;
    expect(minOne).toMatchObject({ shortDescription: { text: 'Rule asg-min-one' }, defaultConfiguration: { level: 'error' }, helpUri: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html' });
  });

  it('gives one result per finding, pointing at its rule by index and at its resource by ARN or path', () => {
    expect(run.results).toHaveLength(report.findings.length);
    for (const [i, result] of run.results.entries()) {
      const finding = report.findings[i]!;
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(result.message.text).toBe(finding.message);
      expect(result.kind).toBe('fail');
      expect(result.partialFingerprints['kubeliftFindingId/v1']).toBe(finding.id);
      expect(result.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe(finding.resource.arn ?? `${finding.resource.accountId}/${finding.resource.region}/${finding.resource.type}/${finding.resource.id}`);
    }
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'note']);
  });

  it('turns undecided checks into tool notifications instead of a clean run', () => {
    const notifications = run.invocations[0]!.toolExecutionNotifications!;
    expect(notifications).toHaveLength(6);
    expect(notifications.filter((n) => n.level === 'error').map((n) => n.associatedRule.id)).toEqual(['instance-broken', 'instance-broken', 'instance-broken']);
    expect(notifications[0]!.message.text).toMatch(/^not checked, data not collected: elb was not collected/);
  });

  it('is deterministic JSON', () => {
    expect(renderReportSarif(fixtureReport())).toBe(renderReportSarif(report));
    expect(JSON.parse(renderReportSarif(report))).toEqual(sarif);
  });
});
