import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { ruleFolder, ruleYaml } from '../rules/engine/rule-files.js';

const builtInIds = readdirSync(paths.rules)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();
const someId = builtInIds[0]!;

describe('kubelift rules', () => {
  it('lists every built-in rule, SPOF rules first, and adds --rules folders', async () => {
    const custom = ruleFolder({ 'zz-custom.yaml': ruleYaml('zz-custom') });
    const result = await runCli(['rules', 'list', '--rules', custom]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +SEVERITY +SPOF +TYPE +TITLE$/);
    const ids = lines.slice(1).map((l) => l.split(' ')[0]);
    expect([...ids].sort()).toEqual([...builtInIds, 'zz-custom'].sort());
    const spof = lines.slice(1).map((l) => l.split(/ {2,}/)[2] === 'yes');
    expect(spof).toContain(true);
    expect(spof).toContain(false);
    expect(spof.indexOf(false)).toBe(spof.lastIndexOf(true) + 1);
  });

  it('lists rules as JSON without machine paths, and as the Markdown reference', async () => {
    const json = await runCli(['rules', 'list', '--format', 'json']);
    const rules = JSON.parse(json.stdout) as { id: string; file: string; condition: string }[];
    expect(rules.map((r) => r.id).sort()).toEqual(builtInIds);
    expect(rules.every((r) => r.file === `rules/${r.id}.yaml`)).toBe(true);
    const markdown = await runCli(['rules', 'list', '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/^# Rules reference\n/);
    for (const id of builtInIds) expect(markdown.stdout).toContain(`\n## ${id}\n`);
  });

  it('shows one rule, as text, JSON or the file as written', async () => {
    const text = await runCli(['rules', 'show', someId]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${someId}: `));
    expect(text.stdout).toMatch(/\nfires when:\n {2}\S/);
    expect(text.stdout).toContain(`file: rules/${someId}.yaml`);
    expect(JSON.parse((await runCli(['rules', 'show', someId, '--format', 'json'])).stdout).id).toBe(someId);
    expect((await runCli(['rules', 'show', someId, '--format', 'yaml'])).stdout).toBe(readFileSync(join(paths.rules, `${someId}.yaml`), 'utf8'));
  });

  it('exits 2 for an unknown rule and suggests the nearest ids', async () => {
    const typo = `${someId.slice(0, -1)}x`;
    const result = await runCli(['rules', 'show', typo]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: no rule '${typo}'`);
    expect(result.stderr).toContain(`Did you mean ${someId}`);
  });

  it('validates a good folder, and the built-in catalog', async () => {
    const good = ruleFolder({ 'one-rule.yaml': ruleYaml('one-rule'), 'two-rule.yaml': ruleYaml('two-rule') });
    const result = await runCli(['rules', 'validate', good]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${good}: 2 rules, all valid\n`);
    const builtIn = await runCli(['rules', 'validate', paths.rules]);
    expect(builtIn.stdout).toBe(`${paths.rules}: ${builtInIds.length} rules, all valid\n`);
  });

  it('exits 2 listing every problem with file:line:column, including ids taken by built-in rules', async () => {
    const bad = ruleFolder({
      'broken.yaml': 'id: broken\ntitle: [oops\n',
      'bad-cel.yaml': ruleYaml('bad-cel', { condition: "'size(facts.dataVolumes) >'" }),
      [`${someId}.yaml`]: ruleYaml(someId),
    });
    const result = await runCli(['rules', 'validate', bad]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const issueLines = result.stderr.split('\n').filter((l) => l.startsWith('  '));
    expect(issueLines).toHaveLength(3);
    expect(issueLines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^ {2}${join(bad, 'broken.yaml')}:\\d+:\\d+: invalid YAML: `)),
        expect.stringMatching(new RegExp(`^ {2}${join(bad, 'bad-cel.yaml')}:6:\\d+ at \\$\\.condition: condition: Unexpected token: EOF$`)),
        expect.stringMatching(new RegExp(`^ {2}${join(bad, `${someId}.yaml`)}:1:5 at \\$\\.id: duplicate rule id '${someId}': already defined in .*rules/${someId}\\.yaml`)),
      ]),
    );
    expect(result.stderr).toMatch(/^hint: /m);
  });
});
