// test-support/helm.ts: the pinned helm is fetched once, cached outside node_modules and run sandboxed.
import { accessSync, constants, existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBin, LAYER_VERSION, REPO_ROOT, runHelm } from '../../test-support/helm.js';

const TIMEOUT = 180_000; // the first call may download the layer (~40 MB)

describe('helmBin', () => {
  it('returns a folder with an executable helm v3 or v4', async () => {
    const bin = await helmBin();
    const helm = join(bin, 'helm');
    expect(existsSync(helm)).toBe(true);
    accessSync(helm, constants.X_OK);
    const r = await runHelm(['version', '--short']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^v[34]\.\d+\.\d+/);
  }, TIMEOUT);

  it('caches the pinned layer under <repo>/.cache/tools/<version>/bin with kubectl next to helm', async () => {
    const bin = await helmBin();
    if (process.env.KUBELIFT_HELM_BIN || process.env.KUBELIFT_USE_PATH_HELM === '1' || process.env.KUBELIFT_TOOLS_CACHE) return;
    expect(relative(REPO_ROOT, bin)).toBe(join('.cache', 'tools', LAYER_VERSION, 'bin'));
    expect(existsSync(join(bin, 'kubectl'))).toBe(true);
    expect((await runHelm(['version', '--short'])).stdout).toMatch(/^v4\.1\.4/);
  }, TIMEOUT);

  it('is memoised', async () => {
    const [a, b] = await Promise.all([helmBin(), helmBin()]);
    expect(a).toBe(b);
  }, TIMEOUT);
});

describe('runHelm', () => {
  it('isolates helm from the user config in a temporary HELM_*_HOME', async () => {
    const r = await runHelm(['env']);
    expect(r.code).toBe(0);
    const env = Object.fromEntries(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => {
          const i = l.indexOf('=');
          return [l.slice(0, i), JSON.parse(l.slice(i + 1))];
        }),
    ) as Record<string, string>;
    for (const key of ['HELM_CACHE_HOME', 'HELM_CONFIG_HOME', 'HELM_DATA_HOME']) {
      expect(env[key], key).toContain(tmpdir());
      expect(env[key], key).not.toContain(homedir() === '/' ? '//' : homedir());
    }
  }, TIMEOUT);

  it('reports a failing helm command through its exit code instead of throwing', async () => {
    const r = await runHelm(['lint', join(REPO_ROOT, 'does-not-exist')]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/no such file|not found|does-not-exist/i);
  }, TIMEOUT);

  it('passes stdin through (values from -f -)', async () => {
    const r = await runHelm(['template', 'rel', join(REPO_ROOT, 'charts', 'kubelift-app'), '-f', '-', '--show-only', 'templates/pdb.yaml'], {
      input: 'podDisruptionBudget:\n  maxUnavailable: 2\n',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('maxUnavailable: 2');
  }, TIMEOUT);
});
