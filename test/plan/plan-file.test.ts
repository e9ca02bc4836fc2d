import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { resolve } from '../../src/model/resolve.js';
import { assertPlanMatches, parsePlanFile, readPlanFile, serializePlanFile, snapshotMismatch, unknownWorkloads, writePlanFile } from '../../src/plan/plan-file.js';
import type { PlanFile } from '../../src/plan/types.js';
import { estate } from '../helpers/estate-builder.js';

async function problem(text: string): Promise<InputError> {
  try {
    await parsePlanFile(text, 'plan.yaml');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const plan: PlanFile = {
  version: 1,
  snapshot: { generatedAt: '2026-01-01T00:00:00.000Z', accounts: ['123456789012'], regions: ['us-east-1'] },
  defaults: { ingressClass: 'alb' },
  workloads: {
    web: { note: 'peak traffic on Mondays', autoscaling: { enabled: true, maxReplicas: 12, minReplicas: 3 }, replicas: 3 },
    'orders-db': { include: false },
    api: { image: { tag: '2.1.0', repository: 'registry.example.com/api' }, class: 'replicable-shared-storage', kind: 'Deployment' },
  },
};

describe('plan.yaml', () => {
  it('round-trips: serialize then parse gives the same decisions, and the text is stable', async () => {
    const text = serializePlanFile(plan);
    const loaded = await parsePlanFile(text, 'plan.yaml');
    expect(loaded.plan).toEqual(plan);
    expect(serializePlanFile(loaded.plan)).toBe(text);
    // Workloads sorted by id, fields in a fixed order.
    expect(text.indexOf('  api:')).toBeLessThan(text.indexOf('  orders-db:'));
    expect(text).toMatch(/web:\n {4}replicas: 3\n {4}autoscaling:\n {6}enabled: true\n {6}minReplicas: 3\n {6}maxReplicas: 12\n {4}note: peak traffic on Mondays/);
    expect(text.startsWith('# kubelift migration plan')).toBe(true);
  });

  it('comments each workload with its name and origin when the model is given', () => {
    const model = resolve(estate().asg('web', { desired: 2 }).build());
    expect(serializePlanFile({ version: 1, workloads: { web: { replicas: 2 } } }, model)).toContain('  # web (auto-scaling-group, 123456789012 us-east-1)\n  web:');
  });

  it('reports invalid YAML with its line and column', async () => {
    const error = await problem('version: 1\nworkloads:\n  web: {replicas: 2\n');
    expect(error.code).toBe('E_INPUT_PLAN');
    expect(error.message).toMatch(/^plan\.yaml:\d+:\d+: invalid YAML/);
  });

  it('reports a wrong value at the line and column of the offending node, with its JSON path', async () => {
    const error = await problem('version: 1\nworkloads:\n  web:\n    replicas: two\n');
    expect(error.message).toBe('plan.yaml:4:15: workloads.web.replicas must be an integer');
    expect(error.location).toMatchObject({ file: 'plan.yaml', line: 4, column: 15, path: '$.workloads.web.replicas' });
  });

  it('reports an unknown field at its key', async () => {
    const error = await problem('version: 1\nworkloads:\n  web:\n    replica: 2\n');
    expect(error.message).toBe("plan.yaml:4:5: workloads.web.replica unknown field 'replica'");
  });

  it('lists every problem at once', async () => {
    const error = await problem('version: 2\nworkloads:\n  Web_1:\n    kind: Pod\n  api:\n    autoscaling: { enabled: true, minReplicas: 4, maxReplicas: 4 }\n    image: { repository: r, tag: latest }\n');
    const messages = error.issues.map((i) => `${i.line}:${i.column} ${i.message}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^1:10 version must be 1/), expect.stringMatching(/^4:11 workloads.Web_1.kind must be one of "Deployment", "StatefulSet"/)]));
    expect(messages).toContain("3:3 workloads has a key 'Web_1' that is not allowed: keys here are lowercase letters, digits and '-' (at most 63)");
    expect(messages).toContain('7:34 workloads.api.image.tag must not be "latest"');
  });

  it('rejects contradictions a schema cannot see', async () => {
    const error = await problem('version: 1\nworkloads:\n  api:\n    autoscaling: { enabled: true, minReplicas: 5, maxReplicas: 3 }\n');
    expect(error.message).toMatch(/^plan\.yaml:4:\d+: workloads\.api\.autoscaling\.maxReplicas \(3\) must be greater than minReplicas \(5\)/);
    expect((await problem('version: 1\nworkloads:\n  api:\n    class: singleton\n    replicas: 3\n')).message).toMatch(/singleton runs exactly one pod/);
  });

  it('says so for an empty file, a missing file and a folder', async () => {
    expect((await problem('')).message).toMatch(/the file is empty/);
    const dir = mkdtempSync(join(tmpdir(), 'kubelift-plan-'));
    await expect(readPlanFile(join(dir, 'missing.yaml'))).rejects.toThrow(/no such file/);
    await expect(readPlanFile(dir)).rejects.toThrow(/is a folder/);
  });

  it('names workloads the estate does not have, with a suggestion and their position', async () => {
    const model = resolve(estate().asg('web-app', { desired: 2 }).build());
    const loaded = await parsePlanFile('version: 1\nworkloads:\n  web-app: {}\n  web-ap:\n    replicas: 2\n', 'plan.yaml');
    expect(unknownWorkloads(loaded, model)).toEqual([{ file: 'plan.yaml', line: 4, column: 3, path: '$.workloads["web-ap"]', message: "workload 'web-ap' is not in the snapshot (did you mean 'web-app'?)" }]);
    expect(() => assertPlanMatches(loaded, model)).toThrow(/plan\.yaml:4:3: workload 'web-ap' is not in the snapshot/);
  });

  it('warns when the plan was made on another snapshot', () => {
    const snapshot = estate({ generatedAt: '2026-02-01T00:00:00.000Z' }).build();
    expect(snapshotMismatch(plan, snapshot)).toMatch(/taken at 2026-01-01/);
    expect(snapshotMismatch({ ...plan, snapshot: { ...plan.snapshot, generatedAt: snapshot.generatedAt } }, snapshot)).toBeUndefined();
  });

  it('writes atomically and keeps an existing file without force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelift-plan-'));
    const path = join(dir, 'plan.yaml');
    writeFileSync(path, 'mine\n');
    await expect(writePlanFile(path, plan)).rejects.toMatchObject({ code: 'E_FILE_EXISTS' });
    expect(readFileSync(path, 'utf8')).toBe('mine\n');
    await writePlanFile(path, plan, { force: true });
    expect((await readPlanFile(path)).plan).toEqual(plan);
  });
});
