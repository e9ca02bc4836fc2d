import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolve } from '../../src/model/resolve.js';
import { packageRoot, paths } from '../../src/paths.js';
import { readSnapshot, writeSnapshot } from '../../src/snapshot/read-write.js';
import { helmBin } from '../../test-support/helm.js';
import { estate } from '../helpers/estate-builder.js';
import { runCli } from '../helpers/run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kubelift-export-cli-'));

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

let snapshotFile: string;

beforeAll(async () => {
  snapshotFile = join(tmp(), 'snapshot.json');
  const snapshot = estate()
    .asg('web', { desired: 3, targetGroups: ['web-tg'], policies: ['cpu'] })
    .targetGroup('web-tg', { port: 8080, healthCheck: { path: '/healthz' } })
    .alb('web-alb', { targetGroups: ['web-tg'] })
    .instance('cache', { ports: [6379] })
    .build();
  await writeSnapshot(snapshotFile, snapshot);
});

describe('kubelift export', () => {
  it('--demo writes values for every demo workload and a README of what needs a human', async () => {
    const out = join(tmp(), 'out');
    const result = await runCli(['export', '--demo', '--out-dir', out]);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    const ids = resolve(await readSnapshot(paths.demoSnapshot)).workloads.map((w) => w.id).sort();
    expect(ids.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(files(out)).sort()).toEqual([...ids.map((id) => join(id, 'values.yaml')), 'README.md'].sort());
    expect(result.stdout).toMatch(new RegExp(`^wrote ${ids.length} workloads \\(${ids.length + 1} files\\) to `));
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    for (const id of ids) expect(readme).toContain(`helm upgrade --install ${id} <chart>`);
    expect(readme).toMatch(/### Images to build/);
    expect(readme).toMatch(/### Singletons[\s\S]*Jenkins[\s\S]*PostgreSQL/);
    expect(readme).toMatch(/### State to move first[\s\S]*redash/);
    // No path of this machine in what users commit.
    expect(readme).not.toContain(packageRoot);
    expect(readme).not.toContain(out);
  });

  it('is deterministic: two exports are byte-identical', async () => {
    const a = join(tmp(), 'a');
    const b = join(tmp(), 'b');
    expect((await runCli(['export', snapshotFile, '--out-dir', a])).code).toBe(0);
    expect((await runCli(['export', snapshotFile, '--out-dir', b])).code).toBe(0);
    expect(files(b)).toEqual(files(a));
  });

  it('never overwrites an earlier export without --force, and writes nothing when it refuses', async () => {
    const out = join(tmp(), 'out');
    expect((await runCli(['export', snapshotFile, '--out-dir', out])).code).toBe(0);
    writeFileSync(join(out, 'web', 'values.yaml'), 'edited by hand\n');
    const again = await runCli(['export', snapshotFile, '--out-dir', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/files of the export already exist/);
    expect(again.stderr).toMatch(/hint: Pass --force/);
    expect(readFileSync(join(out, 'web', 'values.yaml'), 'utf8')).toBe('edited by hand\n');
    const forced = await runCli(['export', snapshotFile, '--out-dir', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(out, 'web', 'values.yaml'), 'utf8')).toMatch(/^# Values for charts\/kubelift-app/);
  });

  it('--workload exports only the named workloads; an unknown id is exit 2', async () => {
    const out = join(tmp(), 'out');
    expect((await runCli(['export', snapshotFile, '--out-dir', out, '--workload', 'cache'])).code).toBe(0);
    expect(Object.keys(files(out)).sort()).toEqual(['README.md', join('cache', 'values.yaml')]);
    const bad = await runCli(['export', snapshotFile, '--out-dir', join(tmp(), 'x'), '--workload', 'cahce']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error: no workload 'cahce'");
    expect(bad.stderr).toContain('Workload ids: cache, web');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('--plan applies decisions and leaves out excluded workloads', async () => {
    const dir = tmp();
    const planFile = join(dir, 'plan.yaml');
    writeFileSync(planFile, 'version: 1\nworkloads:\n  web:\n    replicas: 4\n    autoscaling: { enabled: false }\n    image: { repository: registry.example.com/web, tag: "1.2.3" }\n  cache:\n    include: false\n');
    const out = join(dir, 'out');
    const result = await runCli(['export', snapshotFile, '--plan', planFile, '--out-dir', out]);
    expect(result.code).toBe(0);
    expect(existsSync(join(out, 'cache'))).toBe(false);
    const values = parse(readFileSync(join(out, 'web', 'values.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(values.replicaCount).toBe(4);
    expect(values.autoscaling).toEqual({ enabled: false });
    expect(values.image).toEqual({ repository: 'registry.example.com/web', tag: '1.2.3' });
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('- cache: plan.yaml sets include: false');
  });

  it('a bad plan file is exit 2 with its file, line and column', async () => {
    const dir = tmp();
    const planFile = join(dir, 'plan.yaml');
    writeFileSync(planFile, 'version: 1\nworkloads:\n  web:\n    replicas: -1\n');
    const bad = await runCli(['export', snapshotFile, '--plan', planFile, '--out-dir', join(dir, 'out')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`error: ${planFile}:4:15: workloads.web.replicas must be >= 1`);
    writeFileSync(planFile, 'version: 1\nworkloads:\n  webb: {}\n');
    const unknown = await runCli(['export', snapshotFile, '--plan', planFile, '--out-dir', join(dir, 'out')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`${planFile}:3:3: workload 'webb' is not in the snapshot (did you mean 'web'?)`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--manifests says clearly that helm is missing, before writing anything', async () => {
    const dir = tmp();
    const result = await runCli(['export', snapshotFile, '--out-dir', join(dir, 'out'), '--manifests'], { PATH: join(dir, 'empty') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: --manifests needs helm, and no helm was found on PATH');
    expect(result.stderr).toContain('hint: Install Helm');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--manifests renders each workload with the helm on PATH', async () => {
    const bin = await helmBin();
    const out = join(tmp(), 'out');
    const result = await runCli(['export', snapshotFile, '--out-dir', out, '--manifests'], { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` });
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    const manifests = readFileSync(join(out, 'web', 'manifests.yaml'), 'utf8');
    expect(manifests).toMatch(/kind: Deployment/);
    expect(manifests).toMatch(/kind: HorizontalPodAutoscaler/);
    expect(manifests).toMatch(/kind: PodDisruptionBudget/);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('`web/manifests.yaml`');
  }, 120_000);

  it('bad usage is exit 2 with one line and a hint', async () => {
    const noOut = await runCli(['export', '--demo']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('error: --out-dir is required');
    const noSnapshot = await runCli(['export', '--out-dir', 'x']);
    expect(noSnapshot.code).toBe(2);
    expect(noSnapshot.stderr).toContain('error: no snapshot to export');
    const missing = await runCli(['export', join(tmp(), 'nope.json'), '--out-dir', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
  });
});
