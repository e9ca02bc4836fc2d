import { describe, expect, it } from 'vitest';
import { parseValuesPath, planRows, provenanceOf, sourceLine, typeName, valueAt } from '../../src/ui/plan-values.js';
import { fixturePlan, fixtureWorkloads } from './fixtures.js';

describe('plan values', () => {
  it('reads provenance keys with quoted and indexed segments', () => {
    expect(parseValuesPath('ingress.annotations["alb.ingress.kubernetes.io/scheme"]')).toEqual(['ingress', 'annotations', 'alb.ingress.kubernetes.io/scheme']);
    expect(parseValuesPath('env[0].name')).toEqual(['env', 0, 'name']);
    expect(parseValuesPath('a["say \\"hi\\""].b')).toEqual(['a', 'say "hi"', 'b']);
    const values = { ingress: { annotations: { 'alb.ingress.kubernetes.io/scheme': 'internal' } }, env: [{ name: 'A' }] };
    expect(valueAt(values, 'ingress.annotations["alb.ingress.kubernetes.io/scheme"]')).toBe('internal');
    expect(valueAt(values, 'env[0].name')).toBe('A');
    expect(valueAt(values, 'env[1].name')).toBeUndefined();
  });

  it('finds the provenance of a value or of its nearest parent', () => {
    const plan = fixturePlan(fixtureWorkloads()[0]!, [], undefined);
    expect(provenanceOf(plan, 'readinessProbe.httpGet.path')?.field).toBe('HealthCheckPath');
    expect(provenanceOf(plan, 'autoscaling.enabled.x')?.reason).toContain('Scaling policies');
    expect(provenanceOf(plan, 'nothing.here')).toBeUndefined();
  });

  it('names sources for people', () => {
    expect(typeName('AWS::AutoScaling::AutoScalingGroup')).toBe('Auto Scaling group');
    expect(typeName('AWS::EC2::Instance')).toBe('instance');
    expect(typeName('AWS::EC2::Volume')).toBe('volume');
    expect(sourceLine(undefined)).toBe('kubelift default');
    expect(sourceLine({ source: 'decision', reason: 'x' })).toBe('your decision');
  });

  it('lists the core values first, then every other path with a provenance', () => {
    const rows = planRows(fixturePlan(fixtureWorkloads()[0]!, [], undefined));
    expect(rows.slice(0, 3).map((r) => r.path)).toEqual(['workload.kind', 'replicaCount', 'autoscaling.enabled']);
    expect(rows.find((r) => r.path === 'readinessProbe.httpGet.path')?.value).toBe('/health');
  });
});
