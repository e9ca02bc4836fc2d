import { describe, expect, it } from 'vitest';
import { spofWorkloadsOf } from '../../../src/rules/assess.js';
import { findingId, findingsByWorkload } from '../../../src/rules/findings.js';
import type { Finding } from '../../../src/rules/types.js';

function finding(id: string, workloadId: string | undefined, workloadIds?: string[], spof = false): Finding {
  const f: Finding = {
    id,
    ruleId: 'r',
    title: 't',
    severity: 'high',
    spof,
    resource: { type: 'AWS::EC2::Instance', id, accountId: '111111111111', region: 'eu-west-1', name: id },
    message: 'm',
    kubernetes: { equivalent: 'e' },
  };
  if (workloadId !== undefined) f.workloadId = workloadId;
  if (workloadIds) f.workloadIds = workloadIds;
  return f;
}

describe('findings', () => {
  it('groups findings by workload in the order given, a shared resource counting once for each workload it serves', () => {
    const a = finding('a', 'w1');
    const shared = finding('shared', 'w1', ['w1', 'w2', 'w1']);
    const other = finding('other', 'w3', ['w2']);
    const none = finding('none', undefined);
    const byWorkload = findingsByWorkload([a, shared, other, none]);
    expect([...byWorkload.keys()]).toEqual(['w1', 'w2', 'w3']);
    expect(byWorkload.get('w1')!.map((f) => f.id)).toEqual(['a', 'shared']);
    expect(byWorkload.get('w2')!.map((f) => f.id)).toEqual(['shared', 'other']);
    expect(byWorkload.get('w3')!.map((f) => f.id)).toEqual(['other']);
  });

  it('names the workloads of SPOF findings, shared ones included', () => {
    const ids = spofWorkloadsOf([finding('a', 'w1', undefined, true), finding('b', 'w2'), finding('c', 'w3', ['w3', 'w4'], true)]);
    expect([...ids]).toEqual(['w1', 'w3', 'w4']);
  });

  it('makes ids from global ids alone, from account and region otherwise, and hashes long ones', () => {
    const at = { accountId: '111111111111', region: 'eu-west-1' };
    expect(findingId('r', { type: 'AWS::EC2::Instance', id: 'i-0123456789abcdef0', ...at })).toBe('r:instance:i-0123456789abcdef0');
    expect(findingId('r', { type: 'AWS::AutoScaling::AutoScalingGroup', id: 'web', ...at })).toBe('r:asg:111111111111:eu-west-1:web');
    expect(findingId('r', { type: 'AWS::AutoScaling::AutoScalingGroup', id: 'web', ...at }, 'w1')).toBe('r:workload:w1');
    expect(findingId('r', { type: 'AWS::AutoScaling::AutoScalingGroup', id: 'x'.repeat(300), ...at })).toMatch(/^r:asg:[0-9a-f]{16}$/);
    expect(findingId('r', { type: 'AWS::AutoScaling::AutoScalingGroup', id: 'with space', ...at })).toMatch(/^r:asg:[0-9a-f]{16}$/);
  });
});
