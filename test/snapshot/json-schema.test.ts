import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot, paths } from '../../src/paths.js';
import { compileSchema, newAjv, validatorModuleCode } from '../../src/snapshot/json-schema.js';

const schemaNames = readdirSync(paths.schemas).filter((n) => n.endsWith('.schema.json')).sort();
// Inside the package, so the generated code finds ajv and ajv-formats as dist/validators does.
const outDir = join(packageRoot, '.cache', `test-validators-${process.pid}`);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

async function built(name: string): Promise<ValidateFunction> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.js`);
  writeFileSync(file, validatorModuleCode(readFileSync(join(paths.schemas, `${name}.schema.json`), 'utf8')));
  return ((await import(pathToFileURL(file).href)) as { validate: ValidateFunction }).validate;
}

const yamlOf = (file: string): Record<string, unknown> => parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const demo = (): Record<string, unknown> => JSON.parse(readFileSync(paths.demoSnapshot, 'utf8')) as Record<string, unknown>;

/** Valid and invalid data for each schema: between them, most kinds of keyword the schemas use. */
const samples: Record<string, () => unknown[]> = {
  snapshot: () => {
    const resources = demo().resources as Record<string, Record<string, unknown>[]>;
    const instance = resources['AWS::EC2::Instance']![0]!;
    return [
      demo(),
      {},
      { ...demo(), source: { ...(demo().source as object), kind: 'guess' } },
      { ...demo(), generatedAt: 'yesterday' },
      { ...demo(), extra: true },
      { ...demo(), resources: { ...resources, 'AWS::EC2::Instance': [{ ...instance, accountId: 12 }, { region: 'us-east-1' }] } },
    ];
  },
  rule: () => {
    const rule = yamlOf(join(paths.rules, 'asg-single-az.yaml'));
    return [rule, {}, { ...rule, conditon: 'true' }, { ...rule, severity: 'urgent' }, { ...rule, applies: true }, { ...rule, references: ['not a url'] }, { ...rule, title: '' }];
  },
  app: () => {
    const app = yamlOf(join(paths.apps, 'redis.yaml'));
    return [app, {}, { ...app, haClass: 'twin' }, { ...app, signals: [] }, { ...app, signals: [{ kind: 'name' }] }, { ...app, id: 'Not An Id' }, { ...app, extra: 1 }];
  },
  plan: () => [{}, { schemaVersion: 1 }, []],
  report: () => [{}, { schemaVersion: 1, findings: 'none' }],
};

describe('schema validators', () => {
  it('has samples for every schema in docs/schemas', () => {
    expect(schemaNames.map((n) => n.replace('.schema.json', ''))).toEqual(Object.keys(samples).sort());
  });

  it('holds only schemas that are valid draft-07 (the built validators do not check them again)', () => {
    const ajv = newAjv();
    for (const name of schemaNames) {
      const schema = JSON.parse(readFileSync(join(paths.schemas, name), 'utf8')) as object;
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).toBe(true);
    }
  });

  for (const [name, make] of Object.entries(samples)) {
    it(`${name}: the validator built as code gives the answers and errors of the compiled one`, async () => {
      const generated = await built(name);
      const compiled = compileSchema(JSON.parse(readFileSync(join(paths.schemas, `${name}.schema.json`), 'utf8')) as object);
      const keywords: string[] = [];
      for (const data of make()) {
        const ok = compiled(data);
        expect(generated(data)).toBe(ok);
        expect(generated.errors ?? null).toEqual(compiled.errors ?? null);
        keywords.push(...(compiled.errors ?? []).map((e) => e.keyword));
      }
      if (name !== 'plan' && name !== 'report') expect(generated(make()[0])).toBe(true);
      expect(new Set(keywords).size).toBeGreaterThan(1);
    });
  }
});
