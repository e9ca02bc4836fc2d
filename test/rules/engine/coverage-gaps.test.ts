import { describe, expect, it } from 'vitest';
import { coverageGaps } from '../../../src/rules/coverage-gaps.js';
import type { CoverageRecord, Snapshot } from '../../../src/snapshot/types.js';

const account = '123456789012';
function withCoverage(ec2: Partial<CoverageRecord>): Snapshot {
  return {
    schemaVersion: 1,
    tool: { name: 'kubelift', version: '0.1.0' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    source: { kind: 'scan', accounts: [account], regions: ['us-east-1'], includesUserData: false },
    coverage: [
      { accountId: account, region: 'us-east-1', service: 'ec2', status: 'ok', ...ec2 } as CoverageRecord,
      { accountId: account, region: 'us-east-1', service: 'elbv2', status: 'ok' },
    ],
    resources: {},
    instanceTypes: [],
    availabilityZones: [],
  };
}

describe('coverageGaps', () => {
  it('treats a failed service without a missing list as wholly unknown', () => {
    const gaps = coverageGaps(withCoverage({ status: 'error', errorCode: 'UnauthorizedOperation', error: 'denied' }));
    expect(gaps.ofType('AWS::EC2::Instance', account, 'us-east-1')).toContain('denied');
    expect(gaps.ofServices(['ec2'], account, 'us-east-1')).toContain('denied');
    expect(gaps.ofServices(['elbv2'], account, 'us-east-1')).toBeUndefined();
  });

  it('names only the listed types when part of a service failed', () => {
    const gaps = coverageGaps(withCoverage({ status: 'error', error: 'volumes denied', missing: ['AWS::EC2::Volume'] }));
    expect(gaps.ofType('AWS::EC2::Volume', account, 'us-east-1')).toContain('volumes denied');
    expect(gaps.ofType('AWS::EC2::Instance', account, 'us-east-1')).toBeUndefined();
  });

  it('does not make every EC2 rule unknown when only a side table (AMIs, instance types) failed', () => {
    const gaps = coverageGaps(withCoverage({ status: 'error', errorCode: 'UnauthorizedOperation', error: 'DescribeImages denied', missing: [] }));
    expect(gaps.ofType('AWS::EC2::Instance', account, 'us-east-1')).toBeUndefined();
    expect(gaps.ofServices(['ec2'], account, 'us-east-1')).toBeUndefined();
  });
});
