import { describe, expect, it } from 'vitest';
import { diffReports, diffSnapshots, isEmptyDiff, renderDiffText } from '../../src/export/diff.js';
import type { Snapshot } from '../../src/snapshot/types.js';

const account = '123456789012';
function snapshot(instances: Record<string, string>): Snapshot {
  return {
    schemaVersion: 1,
    tool: { name: 'kubelift', version: '0.1.0' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    source: { kind: 'scan', accounts: [account], regions: ['us-east-1'], includesUserData: false },
    coverage: [],
    resources: {
      'AWS::EC2::Instance': Object.entries(instances).map(([id, type]) => ({ accountId: account, region: 'us-east-1', InstanceId: id, InstanceType: type })),
    },
    instanceTypes: [],
    availabilityZones: [],
  };
}

describe('diffSnapshots', () => {
  it('lists added, removed and changed resources with the fields that changed', () => {
    const diff = diffSnapshots(snapshot({ 'i-1': 't3.small', 'i-2': 't3.small' }), snapshot({ 'i-2': 'm5.large', 'i-3': 't3.small' }));
    expect(diff.added.map((c) => c.id)).toEqual(['i-3']);
    expect(diff.removed.map((c) => c.id)).toEqual(['i-1']);
    expect(diff.changed).toEqual([{ type: 'AWS::EC2::Instance', accountId: account, region: 'us-east-1', id: 'i-2', fields: ['InstanceType'] }]);
    expect(renderDiffText(diff)).toContain('~ AWS::EC2::Instance i-2 (123456789012 us-east-1): InstanceType');
  });

  it('finds nothing between a snapshot and itself, whatever the key order', () => {
    const a = snapshot({ 'i-1': 't3.small' });
    const b = snapshot({ 'i-1': 't3.small' });
    b.resources['AWS::EC2::Instance'] = [{ InstanceType: 't3.small', InstanceId: 'i-1', region: 'us-east-1', accountId: account }];
    expect(isEmptyDiff(diffSnapshots(a, b))).toBe(true);
  });
});

describe('diffReports', () => {
  const finding = (id: string, spof = false) => ({ id, ruleId: id.split(':')[0]!, severity: 'high', spof, resource: { type: 'AWS::EC2::Instance', id: 'i-1' } });
  it('lists new and resolved findings and workloads whose SPOF verdict moved', () => {
    const before = { schemaVersion: 1, findings: [finding('a:1', true), finding('b:1')], workloads: [{ id: 'web', spof: true }, { id: 'old', spof: false }] };
    const after = { schemaVersion: 1, findings: [finding('b:1'), finding('c:1')], workloads: [{ id: 'web', spof: false }, { id: 'new', spof: true }] };
    const diff = diffReports(before, after);
    expect(diff.newFindings.map((f) => f.id)).toEqual(['c:1']);
    expect(diff.resolvedFindings.map((f) => f.id)).toEqual(['a:1']);
    expect(diff.workloads).toEqual([
      { id: 'new', before: null, after: true },
      { id: 'old', before: false, after: null },
      { id: 'web', before: true, after: false },
    ]);
    expect(renderDiffText(diff)).toContain('~ workload web: SPOF → no SPOF');
  });
});
