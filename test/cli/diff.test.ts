import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeSnapshot } from '../../src/snapshot/read-write.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kubelift-diff-'));
const base: Snapshot = {
  schemaVersion: 1,
  tool: { name: 'kubelift', version: '0.1.0' },
  generatedAt: '2026-01-01T00:00:00.000Z',
  source: { kind: 'scan', accounts: ['123456789012'], regions: ['us-east-1'], includesUserData: false },
  coverage: [],
  resources: { 'AWS::EC2::Instance': [{ accountId: '123456789012', region: 'us-east-1', InstanceId: 'i-1' }] },
  instanceTypes: [],
  availabilityZones: [],
};

describe('kubelift diff', () => {
  it('prints what changed between two snapshots, as text and as JSON', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, serializeSnapshot(base));
    writeFileSync(b, serializeSnapshot({ ...base, resources: { 'AWS::EC2::Instance': [{ accountId: '123456789012', region: 'us-east-1', InstanceId: 'i-2' }] } }));
    const text = await runCli(['diff', a, b]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('1 added, 1 removed, 0 changed');
    const json = await runCli(['diff', a, b, '--format', 'json']);
    expect(JSON.parse(json.stdout).added[0].id).toBe('i-2');
  });

  it('exits 2 with one message when a file is neither a snapshot nor a report, or the kinds differ', async () => {
    const a = join(dir, 'snap.json');
    const other = join(dir, 'other.json');
    const report = join(dir, 'report.json');
    writeFileSync(a, serializeSnapshot(base));
    writeFileSync(other, '{"hello": "world"}');
    writeFileSync(report, JSON.stringify({ schemaVersion: 1, summary: {}, findings: [], workloads: [] }));
    const bad = await runCli(['diff', a, other]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('neither a kubelift snapshot nor a kubelift JSON report');
    const mixed = await runCli(['diff', a, report]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('cannot compare a snapshot');
  });
});
