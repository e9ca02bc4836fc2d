import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../src/rules/types.js';
import { serializeSnapshot } from '../../src/snapshot/read-write.js';
import { paths } from '../../src/paths.js';
import { estate } from '../helpers/estate-builder.js';
import { runCli } from '../helpers/run-cli.js';
import { expectValidReport } from '../export/report-validator.js';
import { ruleFolder, ruleYaml } from '../rules/engine/rule-files.js';

const dir = mkdtempSync(join(tmpdir(), 'kubelift-assess-'));

// A database on one instance with an Elastic IP and a data volume, a group of one in one zone,
// and a group across three zones behind a healthy ALB.
const estateSnapshot = estate({ region: 'us-east-1', generatedAt: '2026-02-03T04:05:06.000Z' })
  .instance('db-primary', { eip: true, dataVolumes: [200], ports: [5432], tags: { Role: 'postgres' } })
  .asg('worker', { zones: ['us-east-1a'], desired: 1, min: 1, max: 1 })
  .asg('web', { zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], desired: 3, min: 2, max: 6, healthCheckType: 'ELB', targetGroups: ['web'] })
  .targetGroup('web')
  .alb('front', { targetGroups: ['web'] })
  .build();
const snapshotPath = join(dir, 'estate.json');
writeFileSync(snapshotPath, serializeSnapshot(estateSnapshot));

const customRules = ruleFolder({
  'custom-every-instance.yaml': ruleYaml('custom-every-instance', { severity: 'critical', spof: 'false', rationale: '', condition: "'true'", message: 'custom rule saw {{ resource.InstanceId }}' }),
});

function json(stdout: string): Record<string, unknown> & { findings: { ruleId: string; severity: string; spof: boolean; workloadId?: string }[]; workloads: { id: string; name: string; spof: boolean }[]; generatedAt: string } {
  return JSON.parse(stdout) as never;
}

describe('kubelift assess', () => {
  it('prints the JSON report off a terminal, valid against its schema, with the SPOF verdicts', async () => {
    const result = await runCli(['assess', snapshotPath]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expectValidReport(report);
    const spof = Object.fromEntries(report.workloads.map((w) => [w.name, w.spof]));
    expect(spof).toMatchObject({ 'db-primary': true, worker: true, web: false });
    // Each workload carries its Kubernetes plan in brief, from the mapping.
    for (const w of report.workloads as unknown as { kubernetes?: { kind?: string; replicas?: number } }[]) {
      expect(['Deployment', 'StatefulSet']).toContain(w.kubernetes?.kind);
      expect(w.kubernetes?.replicas).toBeGreaterThanOrEqual(1);
    }
    expect(report.generatedAt).toBe('2026-02-03T04:05:06.000Z');
    expect(result.stderr).toMatch(/rules loaded/);
  });

  it('is byte-identical run after run, and takes generatedAt from SOURCE_DATE_EPOCH when set', async () => {
    const first = await runCli(['assess', snapshotPath, '--format', 'json']);
    const second = await runCli(['assess', snapshotPath, '--format', 'json']);
    expect(second.stdout).toBe(first.stdout);
    const pinned = await runCli(['assess', snapshotPath], { SOURCE_DATE_EPOCH: '1700000000' });
    expect(json(pinned.stdout).generatedAt).toBe('2023-11-14T22:13:20.000Z');
    const bad = await runCli(['assess', snapshotPath], { SOURCE_DATE_EPOCH: 'yesterday' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/SOURCE_DATE_EPOCH must be a whole number of seconds/);
  });

  it('renders table, markdown, html and sarif, and picks the format from --out', async () => {
    const table = await runCli(['assess', snapshotPath, '--format', 'table']);
    expect(table.stdout).toMatch(/^kubelift assessment · 1 account · 1 region/);
    expect(table.stdout).toMatch(/^SPOF /m);
    // eslint-disable-next-line no-control-regex
    expect(table.stdout).not.toMatch(/\u001b\[/);
    expect((await runCli(['assess', snapshotPath, '--format', 'markdown'])).stdout).toMatch(/^# kubelift assessment\n/);
    expect((await runCli(['assess', snapshotPath, '--format', 'html'])).stdout).toMatch(/^<!doctype html>/);
    expect(JSON.parse((await runCli(['assess', snapshotPath, '--format', 'sarif'])).stdout).version).toBe('2.1.0');
    const out = join(dir, 'report.md');
    const written = await runCli(['assess', snapshotPath, '--out', out]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^# kubelift assessment\n/);
    expect(written.stderr).toContain(`wrote ${out}`);
  });

  it('never overwrites an existing file without --force', async () => {
    const out = join(dir, 'keep.json');
    writeFileSync(out, 'precious');
    const refused = await runCli(['assess', snapshotPath, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists/);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    const forced = await runCli(['assess', snapshotPath, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expectValidReport(JSON.parse(readFileSync(out, 'utf8')));
  });

  it('says in one line when --out cannot be written, and leaves no temporary file', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'a file');
    const result = await runCli(['assess', snapshotPath, '--out', join(blocker, 'report.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot write .*not-a-folder\/report\.json: a part of the path is a file, not a folder$/m);
    expect(result.stderr).not.toMatch(/bug|\bat .*\.ts:\d+/);
    expect(readFileSync(blocker, 'utf8')).toBe('a file');
  });

  it('exits 1 with --fail-on when a finding of that severity or worse exists, after writing the report', async () => {
    const report = json((await runCli(['assess', snapshotPath])).stdout);
    for (const threshold of SEVERITIES) {
      const crossing = report.findings.filter((f) => SEVERITIES.indexOf(f.severity as never) <= SEVERITIES.indexOf(threshold)).length;
      const result = await runCli(['assess', snapshotPath, '--fail-on', threshold]);
      expect(result.code, threshold).toBe(crossing ? 1 : 0);
      expect(json(result.stdout).findings).toHaveLength(report.findings.length);
      if (crossing) expect(result.stderr).toContain(`${crossing} finding(s) at severity ${threshold} or worse`);
    }
    const custom = await runCli(['assess', snapshotPath, '--rules', customRules, '--fail-on', 'critical']);
    expect(custom.code).toBe(1);
    const bad = await runCli(['assess', snapshotPath, '--fail-on', 'severe']);
    expect(bad.code).toBe(2);
  });

  it('adds the rules of --rules folders', async () => {
    const result = await runCli(['assess', snapshotPath, '--rules', customRules]);
    const custom = json(result.stdout).findings.filter((f) => f.ruleId === 'custom-every-instance');
    expect(custom.length).toBe(estateSnapshot.resources['AWS::EC2::Instance']!.length);
    expect(custom.every((f) => f.severity === 'critical')).toBe(true);
  });

  it('exits 2 listing every problem of a bad rule folder with file, line and column', async () => {
    const bad = ruleFolder({ 'a.yaml': ruleYaml('a', { severity: 'severe' }), 'b.yaml': ruleYaml('b', { condition: "'facts.zonez == 1'" }) });
    const result = await runCli(['assess', snapshotPath, '--rules', bad]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error: 2 problems in 2 rule files');
    expect(result.stderr).toContain(`${join(bad, 'a.yaml')}:3:11 at $.severity: severity must be equal to one of the allowed values`);
    expect(result.stderr).toMatch(new RegExp(`${join(bad, 'b.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:13 at \\$\\.condition: condition: unknown fact 'facts\\.zonez'`));
    expect(result.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });

  it('exits 2 with one message for an unreadable, truncated or foreign snapshot', async () => {
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, serializeSnapshot(estateSnapshot).slice(0, 500));
    const gz = join(dir, 'broken.json.gz');
    writeFileSync(gz, gzipSync('{"schemaVersion": 1').subarray(0, 10));
    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, '{"Reservations": []}');
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.json'), /missing\.json: no such file/],
      [truncated, /truncated\.json:\d+:\d+: invalid JSON: the text ends too early/],
      [gz, /broken\.json\.gz: the gzip data is corrupt or truncated/],
      [foreign, /foreign\.json: not a kubelift snapshot/],
    ];
    for (const [path, message] of cases) {
      const result = await runCli(['assess', path]);
      expect(result.code, path).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.split('\n').filter((l) => l.startsWith('error:'))).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('needs a snapshot or --demo, not both', async () => {
    const none = await runCli(['assess']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no snapshot to assess/);
    expect(none.stderr).toMatch(/kubelift assess --demo/);
    const both = await runCli(['assess', snapshotPath, '--demo']);
    expect(both.code).toBe(2);
  });

  it('assesses the bundled demo estate with --demo', async () => {
    expect(existsSync(paths.demoSnapshot), 'fixtures/demo/snapshot.json').toBe(true);
    const result = await runCli(['assess', '--demo', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expectValidReport(report);
    expect(report.workloads.length).toBeGreaterThan(0);
    expect(report.workloads.some((w) => w.spof)).toBe(true);
  });
});
