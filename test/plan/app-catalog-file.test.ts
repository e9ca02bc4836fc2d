import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputError, InputIssue } from '../../src/errors.js';
import { loadAppCatalog, parseAppDefinition } from '../../src/plan/app-catalog-file.js';

const good = `id: demo
name: Demo
signals:
  - { kind: name, pattern: 'demo', weight: 60 }
haClass: replicable
bundledState: []
chart: { repository: 'https://charts.example.com', name: demo }
haValues: { replicaCount: 2 }
notes: []
`;

async function issuesOf(text: string, file = 'demo.yaml'): Promise<InputIssue[]> {
  const issues: InputIssue[] = [];
  await parseAppDefinition(text, file, issues);
  return issues;
}

describe('known-application catalog', () => {
  it('loads every bundled application, each valid and named after its file', async () => {
    const apps = await loadAppCatalog();
    const ids = apps.map((a) => a.id);
    for (const id of ['redash', 'jenkins', 'elasticsearch', 'grafana', 'keycloak', 'sonarqube', 'vault', 'redis', 'metabase', 'airflow', 'postgresql', 'prometheus', 'gitlab', 'nginx']) expect(ids).toContain(id);
    expect(ids).toEqual([...ids].sort());
    for (const app of apps) {
      expect(app.chart.repository).toMatch(/^(https|oci):\/\//);
      expect(Object.keys(app.haValues).length).toBeGreaterThan(0);
      if (app.haClass === 'singleton') expect(app.remedy, app.id).toBeTruthy();
    }
  });

  it('reads a valid definition', async () => {
    const issues: InputIssue[] = [];
    const app = await parseAppDefinition(good, 'demo.yaml', issues);
    expect(issues).toEqual([]);
    expect(app).toMatchObject({ id: 'demo', haClass: 'replicable', file: 'demo.yaml' });
  });

  it('points at the line and column of a bad value', async () => {
    const issues = await issuesOf(good.replace('weight: 60', 'weight: 0'));
    expect(issues).toEqual([expect.objectContaining({ line: 4, path: '$.signals[0].weight', message: 'signals[0].weight must be >= 1' })]);
  });

  it('needs a pattern for name signals and a port for port signals', async () => {
    const issues = await issuesOf(good.replace("{ kind: name, pattern: 'demo', weight: 60 }", '{ kind: port, weight: 10 }'));
    expect(issues.map((i) => i.message)).toContain("signals[0] missing required field 'port'");
  });

  it('rejects a pattern that is not a regular expression, and an id that is not the file name', async () => {
    const issues = await issuesOf(good.replace("pattern: 'demo'", "pattern: 'de(mo'"), 'other.yaml');
    expect(issues.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^id 'demo' does not match the file name; expected id: other/), expect.stringMatching(/^not a valid regular expression/)]));
  });

  it('reports every problem of a folder in one error, duplicates included', async () => {
    const a = mkdtempSync(join(tmpdir(), 'kubelift-apps-'));
    const b = mkdtempSync(join(tmpdir(), 'kubelift-apps-'));
    writeFileSync(join(a, 'demo.yaml'), good);
    writeFileSync(join(b, 'demo.yaml'), good);
    writeFileSync(join(b, 'broken.yaml'), 'id: broken\nname: [\n');
    const error = (await loadAppCatalog([a, b]).catch((e: unknown) => e)) as InputError;
    expect(error.exitCode).toBe(2);
    expect(error.issues.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^invalid YAML/), expect.stringMatching(/^duplicate application id 'demo'/)]));
  });
});
