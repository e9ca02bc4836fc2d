import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../../src/errors.js';
import { loadRules } from '../../../src/rules/load.js';
import { ruleFolder, ruleYaml } from './rule-files.js';

async function loadError(dirs: string[]): Promise<InputError> {
  const error = await loadRules(dirs).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const input = error as InputError;
  expect(input.code).toBe('E_INPUT_RULE');
  expect(input.exitCode).toBe(2);
  return input;
}

function only(issues: readonly InputIssue[]): InputIssue {
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe('loadRules', () => {
  it('loads valid rules sorted by id, with the file they came from and default references', async () => {
    const dir = ruleFolder({
      'b-rule.yaml': ruleYaml('b-rule', { references: '' }),
      'a-rule.yml': ruleYaml('a-rule', { applies: "resource.State.Name == 'running'" }),
      'notes.txt': 'not a rule',
    });
    const rules = await loadRules([dir]);
    expect(rules.map((r) => r.id)).toEqual(['a-rule', 'b-rule']);
    expect(rules[0]).toMatchObject({ severity: 'high', spof: true, resourceType: 'AWS::EC2::Instance', applies: "resource.State.Name == 'running'", file: join(dir, 'a-rule.yml') });
    expect(rules[0]!.kubernetes).toEqual({ equivalent: 'A Deployment keeps the replica count.', remediation: 'The exported values set replicaCount.' });
    expect(rules[1]!.references).toEqual([]);
  });

  it('reports malformed YAML with the line and column of the problem', async () => {
    const dir = ruleFolder({ 'broken.yaml': 'id: broken\ntitle: "unterminated\nseverity: high\n' });
    const issue = only((await loadError([dir])).issues);
    expect(issue.file).toBe(join(dir, 'broken.yaml'));
    expect(issue.message).toMatch(/^invalid YAML: .*quote/i);
    expect(issue.line).toBe(4);
    expect(issue.column).toBe(1);
  });

  it('reports a duplicate key in YAML at the second key', async () => {
    const dir = ruleFolder({ 'dup.yaml': ruleYaml('dup').replace('severity: high', 'severity: high\nseverity: low') });
    const issue = only((await loadError([dir])).issues);
    expect(issue.message).toMatch(/unique/);
    expect(issue.line).toBe(4);
  });

  it('says what was expected for schema violations, at the offending value', async () => {
    const text = ruleYaml('bad-schema', { severity: 'severe', conditon: 'true' });
    const dir = ruleFolder({ 'bad-schema.yaml': text });
    const issues = (await loadError([dir])).issues;
    const severity = issues.find((i) => i.path === '$.severity')!;
    expect(severity.message).toBe('severity must be equal to one of the allowed values: critical, high, medium, low, info');
    expect(severity.line).toBe(text.split('\n').findIndex((l) => l.startsWith('severity:')) + 1);
    expect(severity.column).toBe('severity: '.length + 1);
    const unknown = issues.find((i) => i.path === '$.conditon')!;
    expect(unknown.message).toMatch(/^conditon unknown field 'conditon'; expected one of: id, title, severity, spof, resourceType, applies, condition, message/);
    expect(unknown.line).toBe(text.split('\n').findIndex((l) => l.startsWith('conditon:')) + 1);
    expect(unknown.column).toBe(1);
  });

  it('reports a missing required field on the mapping, and a field of the wrong type', async () => {
    const dir = ruleFolder({ 'no-condition.yaml': ruleYaml('no-condition', { condition: '', spof: 'yes please' }) });
    const issues = (await loadError([dir])).issues;
    expect(issues.map((i) => i.message)).toEqual(expect.arrayContaining(["missing required field 'condition'", 'spof must be a boolean']));
    expect(issues.find((i) => i.message.includes("'condition'"))).toMatchObject({ line: 1, column: 1, path: '$' });
  });

  it('enforces the house style: no "Ensure" titles, titles of at most 100 characters, a rationale for SPOF rules', async () => {
    const dir = ruleFolder({
      'ensure.yaml': ruleYaml('ensure', { title: 'Ensure instances are in an Auto Scaling group' }),
      'long.yaml': ruleYaml('long', { title: 'x'.repeat(101) }),
      'no-rationale.yaml': ruleYaml('no-rationale', { rationale: '' }),
      'no-rationale-ok.yaml': ruleYaml('no-rationale-ok', { rationale: '', spof: 'false' }),
    });
    const issues = (await loadError([dir])).issues;
    const byFile = (name: string): InputIssue[] => issues.filter((i) => i.file === join(dir, name));
    expect(byFile('ensure.yaml')[0]!.message).toMatch(/must not start with 'Ensure'/);
    expect(byFile('long.yaml').map((i) => i.message).join('\n')).toMatch(/at most 100 characters/);
    expect(only(byFile('no-rationale.yaml')).message).toMatch(/rationale when spof is true/);
    expect(byFile('no-rationale-ok.yaml')).toEqual([]);
  });

  it('explains the two YAML traps of CEL: a leading ! is a tag, a leading { is a mapping', async () => {
    const dir = ruleFolder({
      'bang.yaml': ruleYaml('bang', { condition: '!facts.inASG' }),
      'brace.yaml': ruleYaml('brace', { message: '{{ resource.InstanceId }}' }),
    });
    const issues = (await loadError([dir])).issues;
    const bang = issues.find((i) => i.file.endsWith('bang.yaml'))!;
    expect(bang.message).toMatch(/starting with '!' is read by YAML as a tag; quote the expression/);
    expect(bang).toMatchObject({ line: 6, column: 12 });
    expect(issues.filter((i) => i.file.endsWith('brace.yaml')).map((i) => i.message)).toContainEqual(expect.stringMatching(/starting with '\{' is read by YAML as a mapping; quote the text/));
  });

  it('asks to quote a condition that YAML reads as a boolean', async () => {
    const dir = ruleFolder({ 'bool.yaml': ruleYaml('bool', { condition: 'true' }) });
    const issue = only((await loadError([dir])).issues);
    expect(issue.message).toBe("condition must be a string; YAML reads true as a boolean: quote it ('true') to give a CEL expression or text");
    expect(issue).toMatchObject({ line: 6, column: 12, path: '$.condition' });
  });

  it('requires the id to match the file name', async () => {
    const dir = ruleFolder({ 'right-name.yaml': ruleYaml('wrong-name') });
    const issue = only((await loadError([dir])).issues);
    expect(issue).toMatchObject({ line: 1, column: 5, path: '$.id' });
    expect(issue.message).toMatch(/id 'wrong-name' does not match the file name; expected id: right-name/);
  });

  it('points at a CEL syntax error inside a plain scalar, to the column', async () => {
    const text = ruleYaml('bad-cel', { condition: 'size(facts.zones) < 2 &&' });
    const dir = ruleFolder({ 'bad-cel.yaml': text });
    const issue = only((await loadError([dir])).issues);
    expect(issue.path).toBe('$.condition');
    expect(issue.message).toMatch(/^condition: Unexpected token/);
    expect(issue.line).toBe(text.split('\n').findIndex((l) => l.startsWith('condition:')) + 1);
    expect(issue.column).toBe('condition: size(facts.zones) < 2 &&'.length + 1);
  });

  it('points at a CEL problem inside a block scalar at its own line', async () => {
    const text = ruleYaml('block-cel', { condition: ' >-\n  !facts.inASG &&\n  resources.State.Name == "running"' });
    const dir = ruleFolder({ 'block-cel.yaml': text });
    const issue = only((await loadError([dir])).issues);
    expect(issue.message).toBe('condition: Unknown variable: resources');
    const lines = text.split('\n');
    expect(issue.line).toBe(lines.findIndex((l) => l.includes('resources.State')) + 1);
    expect(issue.column).toBe(3);
  });

  it('rejects an unknown fact name and lists the facts of the type', async () => {
    const text = ruleYaml('typo-fact', { resourceType: 'AWS::AutoScaling::AutoScalingGroup', condition: 'size(facts.zonez) < 2', message: 'in {{ facts.zones[0] }}' });
    const dir = ruleFolder({ 'typo-fact.yaml': text });
    const issue = only((await loadError([dir])).issues);
    expect(issue.message).toMatch(/^condition: unknown fact 'facts\.zonez' for AWS::AutoScaling::AutoScalingGroup; expected one of: .*\binServiceZones\b.*\bzones\b/);
    expect(issue.column).toBe('condition: size('.length + 1);
  });

  it('checks workload facts for workload rules and for `workload.x` in resource rules', async () => {
    const dir = ruleFolder({
      'wl.yaml': ruleYaml('wl', { resourceType: 'workload', condition: 'workload.replicaz < 2', message: 'only {{ facts.replicas }} replicas' }),
      'res.yaml': ruleYaml('res', { condition: 'workload != null && workload.zoneCount < 2 && facts.zoneCount == 1' }),
    });
    const issues = (await loadError([dir])).issues;
    expect(issues.map((i) => i.message).sort()).toEqual([
      expect.stringMatching(/^condition: unknown fact 'facts\.zoneCount' for AWS::EC2::Instance/),
      expect.stringMatching(/^condition: unknown fact 'workload\.replicaz' for workload/),
    ]);
  });

  it('rejects a condition that cannot be a boolean, and a resource variable in workload rules', async () => {
    const dir = ruleFolder({
      'not-bool.yaml': ruleYaml('not-bool', { condition: 'size(facts.dataVolumes)' }),
      'wl-resource.yaml': ruleYaml('wl-resource', { resourceType: 'workload', condition: 'resource.MinSize < 2', message: 'x' }),
    });
    const messages = (await loadError([dir])).issues.map((i) => i.message).sort();
    expect(messages).toEqual(['condition: Unknown variable: resource', 'condition: must be a boolean expression, but it returns int']);
  });

  it('checks message placeholders: CEL inside them, unclosed and empty ones', async () => {
    const dir = ruleFolder({
      'unclosed.yaml': ruleYaml('unclosed', { message: 'Instance {{ resource.InstanceId is alone' }),
      'empty.yaml': ruleYaml('empty', { message: 'Instance {{ }} is alone' }),
      'bad.yaml': ruleYaml('bad', { message: 'Instance {{ resource.InstanceId + }} is alone' }),
    });
    const issues = (await loadError([dir])).issues;
    const of = (name: string): string => issues.filter((i) => i.file.endsWith(name)).map((i) => i.message).join('\n');
    expect(of('unclosed.yaml')).toMatch(/message: unclosed placeholder: expected '}}'/);
    expect(of('empty.yaml')).toMatch(/message: empty placeholder/);
    expect(of('bad.yaml')).toMatch(/message: in placeholder \{\{ resource\.InstanceId \+ \}\}: Unexpected token/);
  });

  it('rejects duplicate ids across folders, naming the first file', async () => {
    const first = ruleFolder({ 'same-id.yaml': ruleYaml('same-id') });
    const second = ruleFolder({ 'same-id.yaml': ruleYaml('same-id') });
    const issue = only((await loadError([first, second])).issues);
    expect(issue.file).toBe(join(second, 'same-id.yaml'));
    expect(issue).toMatchObject({ line: 1, column: 5 });
    expect(issue.message).toBe(`duplicate rule id 'same-id': already defined in ${join(first, 'same-id.yaml')}; ids must be unique across all rule folders`);
  });

  it('reads a folder named twice (as `dir` and `dir/`) once', async () => {
    const dir = ruleFolder({ 'once.yaml': ruleYaml('once') });
    expect((await loadRules([dir, `${dir}/`, join(dir, '.')])).map((r) => r.id)).toEqual(['once']);
  });

  it('collects every problem of every file into one error', async () => {
    const dir = ruleFolder({
      'one.yaml': ruleYaml('one', { severity: 'bad' }),
      'two.yaml': '- just\n- a list\n',
      'three.yaml': '',
      'four.yaml': ruleYaml('four'),
    });
    const error = await loadError([dir]);
    expect(error.issues.map((i) => i.file.split('/').pop()).sort()).toEqual(['one.yaml', 'three.yaml', 'two.yaml']);
    expect(error.message).toBe('3 problems in 3 rule files');
    expect(error.hint).toMatch(/kubelift rules validate/);
  });

  it('reports a missing folder, a file given as a folder, and an empty folder', async () => {
    const empty = ruleFolder({});
    const file = join(ruleFolder({}), 'file.yaml');
    const error = await loadError([join(empty, 'nope'), empty]);
    expect(error.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^no such folder/), expect.stringMatching(/^holds no rule files/)]);
    writeFileSync(file, ruleYaml('file'));
    expect((await loadError([file])).issues[0]!.message).toMatch(/^is a file; expected a folder/);
  });

  it('loads only the rules asked for, and says when one does not exist', async () => {
    const dir = ruleFolder({ 'a.yaml': ruleYaml('a'), 'b.yaml': ruleYaml('b'), 'c.yaml': 'broken: [' });
    expect((await loadRules([dir], { only: ['b'] })).map((r) => r.id)).toEqual(['b']);
    const missing = (await loadRules([dir], { only: ['zzz'] }).catch((e: unknown) => e)) as InputError;
    expect(missing).toBeInstanceOf(InputError);
    expect(only(missing.issues).message).toMatch(/no rule 'zzz' here; expected a file named zzz\.yaml/);
  });
});
