import { describe, expect, it } from 'vitest';
import { buildPlanFile, prepareWizardData } from '../../src/ui/data.js';
import { fixtureData, fixtureFindings, fixtureInput } from './fixtures.js';

describe('prepareWizardData', () => {
  it('summarizes each workload: SPOF, highest severity, findings, sorted by id', () => {
    const data = fixtureData();
    expect(data.workloads.map((w) => [w.id, w.spof, w.severity, w.findings])).toEqual([
      ['checkout-api', true, 'high', 2],
      ['reports-worker', true, 'medium', 1],
      ['web-frontend', false, 'low', 1],
    ]);
    expect(data.findingsOf('checkout-api').map((f) => f.ruleId)).toEqual(['asg-single-az', 'target-group-single-healthy-target']);
  });

  it('counts the estate for the overview', () => {
    const { overview } = fixtureData();
    expect(overview.findingsBySeverity).toEqual({ critical: 0, high: 2, medium: 1, low: 1, info: 0 });
    expect(overview.spofWorkloads).toBe(2);
    expect(overview.topSpofs.map((w) => w.id)).toEqual(['checkout-api', 'reports-worker']);
    expect(overview.coverageGaps.map((g) => g.service)).toEqual(['elb']);
    expect(overview.resourceCounts.find((r) => r.type === 'AWS::EC2::Instance')?.count).toBe(5);
    expect(overview.origins).toEqual({ 'auto-scaling-group': 2, 'instance-group': 0, 'standalone-instance': 1 });
  });

  it('gives a finding on a shared resource to every workload it serves', () => {
    const findings = fixtureFindings();
    findings[3] = { ...findings[3]!, workloadIds: ['checkout-api', 'web-frontend'] };
    const data = prepareWizardData(fixtureInput({ findings }));
    expect(data.findingsOf('checkout-api').map((f) => f.ruleId)).toContain('target-group-unhealthy-target');
    expect(data.findingsOf('web-frontend').map((f) => f.ruleId)).toContain('target-group-unhealthy-target');
  });

  it('keeps resumed decisions, including those for workloads this snapshot lacks', () => {
    const data = fixtureData({ plan: { version: 1, workloads: { 'web-frontend': { replicas: 4 }, 'gone-service': { include: false } } } });
    expect(data.initialDecisions).toEqual({ 'gone-service': { include: false }, 'web-frontend': { replicas: 4 } });
    expect(data.unknownDecisions).toEqual(['gone-service']);
  });
});

describe('buildPlanFile', () => {
  it('writes decisions sorted by id, without empty ones or ones for workloads the snapshot lacks, with the snapshot it was made on', () => {
    const data = fixtureData({ plan: { version: 1, defaults: { ingressClass: 'nginx' }, workloads: { 'a-gone': { include: false } } } });
    const plan = buildPlanFile(data, { 'web-frontend': { replicas: 4 }, 'checkout-api': {}, 'a-gone': { include: false }, 'reports-worker': { include: false } });
    expect(Object.keys(plan.workloads)).toEqual(['reports-worker', 'web-frontend']);
    expect(plan.snapshot).toEqual({ generatedAt: '2026-01-15T09:00:00.000Z', accounts: ['111111111111'], regions: ['us-east-1'] });
    expect(plan.defaults).toEqual({ ingressClass: 'nginx' });
    expect(JSON.stringify(buildPlanFile(data, { 'reports-worker': { include: false }, 'web-frontend': { replicas: 4 } }))).toBe(JSON.stringify(plan));
  });
});
