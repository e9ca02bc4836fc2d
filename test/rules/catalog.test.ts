/**
 * The catalog as a whole: every rule file loads, every rule has its test
 * file (and no test outlives its rule), and the generated reference in
 * docs/rules.md matches the rule files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot, paths } from '../../src/paths.js';
import { loadRules } from '../../src/rules/load.js';
import { renderCatalogReference } from '../../src/rules/reference-markdown.js';
import { RESOURCE_TYPES } from '../../src/snapshot/types.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// Test files in test/rules/ that are not about one rule.
const NOT_RULE_TESTS = new Set(['catalog', 'verdicts']);

const ruleFiles = readdirSync(paths.rules).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));

describe('the rule catalog', () => {
  it('loads every rule file, at least 30 of them', async () => {
    const rules = await loadRules([paths.rules]);
    expect(rules.map((r) => `${r.id}.yaml`).sort()).toEqual([...ruleFiles].sort());
    expect(rules.length).toBeGreaterThanOrEqual(30);
  });

  it('has a test file per rule, and no rule test without its rule', () => {
    const ids = ruleFiles.map((f) => f.replace(/\.ya?ml$/, '')).sort();
    const tests = readdirSync(here)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.test\.ts$/, ''))
      .filter((name) => !NOT_RULE_TESTS.has(name))
      .sort();
    expect(ids.filter((id) => !tests.includes(id)), 'rules without test/rules/<id>.test.ts').toEqual([]);
    expect(tests.filter((t) => !ids.includes(t)), 'tests without rules/<id>.yaml').toEqual([]);
  });

  it('documents every rule in docs/rules.md, generated from the rule files', async () => {
    const doc = join(packageRoot, 'docs', 'rules.md');
    const expected = renderCatalogReference(await loadRules([paths.rules]));
    const actual = existsSync(doc) ? readFileSync(doc, 'utf8') : '';
    expect(actual === expected, 'docs/rules.md is out of date: run `npm run build && node scripts/gen-rules-doc.mjs`').toBe(true);
  });

  it('has a rule schema that knows every resource type', () => {
    const schema = JSON.parse(readFileSync(join(paths.schemas, 'rule.schema.json'), 'utf8')) as { properties: { resourceType: { enum: string[] } } };
    expect(schema.properties.resourceType.enum).toEqual([...RESOURCE_TYPES, 'workload']);
  });
});
