/**
 * Loads rule files: YAML with positions, the JSON Schema (docs/schemas/rule.schema.json),
 * then what a schema cannot say (id == file name, CEL that compiles, known fact
 * names, unique ids across folders). Every problem in every file is collected
 * and reported at once, with file, line and column, in one InputError.
 */
// Rule files are small and read one at a time: a synchronous read costs a tenth of what the
// promise API's bookkeeping does (≈0.3 ms a file), which adds up over the built-in rules.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve as resolvePath } from 'node:path';
import type * as Yaml from 'yaml';
import { InputError, type InputIssue } from '../errors.js';
import { schemaValidator, type SchemaValidator } from '../snapshot/json-schema.js';
import { readYamlFile } from '../snapshot/prebuilt-yaml.js';
import { compileRule, type RuleField } from './compile-rule.js';
import { factTypeOf, knownFacts } from './fact-catalog.js';
import type { Rule } from './types.js';

export interface LoadRulesOptions {
  /** Load only these rule ids (the file named `<id>.yaml` in each folder). */
  only?: string[];
}

type Validator = SchemaValidator<Rule>['validate'];

const isRuleFile = (name: string): boolean => (name.endsWith('.yaml') || name.endsWith('.yml')) && !name.startsWith('.');

async function listRuleFiles(dir: string, issues: InputIssue[]): Promise<string[]> {
  try {
    const info = statSync(dir);
    if (!info.isDirectory()) {
      issues.push({ file: dir, message: 'is a file; expected a folder of rule files (*.yaml)' });
      return [];
    }
  } catch {
    issues.push({ file: dir, message: 'no such folder; expected a folder of rule files (*.yaml)' });
    return [];
  }
  const names = readdirSync(dir).filter(isRuleFile).sort();
  if (names.length === 0) issues.push({ file: dir, message: 'holds no rule files; expected one *.yaml file per rule' });
  return names.map((name) => join(dir, name));
}

/** Loads every rule in the folders (sorted by id); throws one InputError listing every problem. */
export async function loadRules(dirs: string[], options: LoadRulesOptions = {}): Promise<Rule[]> {
  const issues: InputIssue[] = [];
  const { schema, validate } = await schemaValidator<Rule>('rule');
  const facts = knownFacts();
  const only = options.only ? new Set(options.only) : undefined;
  const rules: Rule[] = [];
  const seen = new Map<string, string>();

  // The same folder named twice (`rules` and `./rules`) is read once.
  const folders = [...new Map(dirs.map((d) => [resolvePath(d), d])).values()];
  for (const dir of folders) {
    let files = await listRuleFiles(dir, issues);
    if (only) files = files.filter((f) => only.has(ruleFileId(f)));
    for (const file of files) {
      const loaded = await loadRuleFile(file, { schema, validate, facts }, issues);
      if (!loaded) continue;
      const { rule, idAt } = loaded;
      const previous = seen.get(rule.id);
      if (previous) {
        issues.push({ file, ...(await idAt()), path: '$.id', message: `duplicate rule id '${rule.id}': already defined in ${previous}; ids must be unique across all rule folders` });
        continue;
      }
      seen.set(rule.id, file);
      rules.push(rule);
    }
  }
  for (const id of only ?? []) {
    if (!seen.has(id) && !issues.some((i) => ruleFileId(i.file) === id)) issues.push({ file: dirs.join(', '), message: `no rule '${id}' here; expected a file named ${id}.yaml` });
  }
  if (issues.length) {
    const files = new Set(issues.map((i) => i.file)).size;
    throw new InputError(`${issues.length} problem${issues.length === 1 ? '' : 's'} in ${files} rule file${files === 1 ? '' : 's'}`, {
      code: 'E_INPUT_RULE',
      issues,
      location: { file: issues[0]!.file, line: issues[0]!.line, column: issues[0]!.column },
      hint: 'Fix the rule files listed above; `kubelift rules validate DIR` checks a folder without running an assessment.',
    });
  }
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function ruleFileId(file: string): string {
  return basename(file, extname(file));
}

interface Checks {
  schema: Record<string, unknown>;
  validate: Validator;
  facts: Record<string, Record<string, string>>;
}

type At = (offset: number) => { line: number; column: number };

/** A parsed YAML document with positions, and the YAML library that parsed it. */
interface Parsed {
  doc: Yaml.Document;
  at: At;
  yaml: typeof Yaml;
}

// The YAML library takes tens of milliseconds to load: the built-in rules, read
// from data the build parsed, need it only to point at a problem.
let yamlLibrary: Promise<typeof Yaml> | undefined;

async function parseWithPositions(text: string): Promise<Parsed> {
  const yaml = await (yamlLibrary ??= import('yaml'));
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter, prettyErrors: true });
  const at: At = (offset) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return { doc, at, yaml };
}

/** Parses a rule file's YAML; YAML problems, and a text that is not a mapping, go to `issues`. */
async function parseRuleYaml(text: string, file: string, issues: InputIssue[]): Promise<Parsed | undefined> {
  const parsed = await parseWithPositions(text);
  const { doc, at, yaml } = parsed;
  const before = issues.length;
  for (const error of doc.errors) {
    const first = error.linePos?.[0];
    const pos = first ? { line: first.line, column: first.col } : at(error.pos[0]);
    issues.push({ file, ...pos, message: `invalid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` });
  }
  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
    // `condition: !facts.inASG` is a YAML tag, not a negation: the value silently becomes empty.
    const first = warning.linePos?.[0];
    const pos = first ? { line: first.line, column: first.col } : at(warning.pos[0]);
    issues.push({ file, ...pos, message: "a value starting with '!' is read by YAML as a tag; quote the expression, e.g. condition: '!facts.inASG'" });
  }
  yaml.visit(doc, {
    Pair(_key, pair) {
      if (!yaml.isCollection(pair.key)) return;
      const range = (pair.key as { range?: [number, number, number] }).range;
      issues.push({ file, ...at(range?.[0] ?? 0), message: "a value starting with '{' is read by YAML as a mapping; quote the text, e.g. message: '{{ resource.InstanceId }} is alone'" });
    },
  });
  if (issues.length > before) return undefined;
  if (!yaml.isMap(doc.contents)) {
    issues.push({ file, line: 1, column: 1, path: '$', message: text.trim() === '' ? 'the file is empty; expected a mapping of rule fields (id, title, severity, …)' : 'expected a mapping of rule fields (id, title, severity, …)' });
    return undefined;
  }
  return parsed;
}

/** Loads one file; problems go to `issues` and the rule is returned only when it has none. */
async function loadRuleFile(file: string, checks: Checks, issues: InputIssue[]): Promise<{ rule: Rule; idAt: () => Promise<{ line: number; column: number }> } | undefined> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    issues.push({ file, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
    return undefined;
  }
  const before = issues.length;
  const ruleYaml = await readYamlFile(text, () => parseRuleYaml(text, file, issues), (parsed) => parsed.doc.toJS());
  if (!ruleYaml) return undefined;

  const data = ruleYaml.data as Record<string, unknown>;
  if (!checks.validate(data)) {
    const parsed = await ruleYaml.source();
    for (const error of checks.validate.errors ?? []) {
      const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
      let keySegments = segments;
      let message = schemaMessage(checks.schema, error.schemaPath) ?? error.message ?? 'is invalid';
      if (error.keyword === 'additionalProperties') {
        keySegments = [...segments, String(error.params.additionalProperty)];
        message = `unknown field '${String(error.params.additionalProperty)}'; expected one of: ${Object.keys(propertiesAt(checks.schema, segments)).join(', ')}`;
      } else if (error.keyword === 'required') {
        message = schemaMessage(checks.schema, error.schemaPath) ?? `missing required field '${String(error.params.missingProperty)}'`;
      } else if (error.keyword === 'enum') {
        message = `${message}: ${(error.params.allowedValues as unknown[]).map((v) => String(v)).join(', ')}`;
      } else if (error.keyword === 'type') {
        const value = segments.reduce<unknown>((v, s) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined), data);
        // `condition: true` or `applies: 1` is a YAML boolean or number, not CEL text.
        const quote = error.params.type === 'string' && (typeof value === 'boolean' || typeof value === 'number') ? `; YAML reads ${String(value)} as a ${typeof value}: quote it ('${String(value)}') to give a CEL expression or text` : '';
        message = `must be a ${String(error.params.type)}${quote}`;
      } else if (error.keyword === 'if') {
        continue; // The `then` branch already said what is missing.
      }
      const pos = locate(parsed, keySegments, error.keyword === 'additionalProperties');
      const path = `$${keySegments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('')}`;
      const text = `${path === '$' ? '' : `${path.slice(2)} `}${message}`.trim();
      // Several keywords of one field can share a house-style message; say it once.
      if (!issues.some((i) => i.file === file && i.path === path && i.message === text)) issues.push({ file, ...pos, path, message: text });
    }
    return undefined;
  }

  const rule: Rule = { ...(data as unknown as Rule), references: (data.references as string[] | undefined) ?? [], file };
  const fileId = ruleFileId(file);
  const idAt = async (): Promise<{ line: number; column: number }> => locate(await ruleYaml.source(), ['id'], false);
  if (rule.id !== fileId) issues.push({ file, ...(await idAt()), path: '$.id', message: `id '${rule.id}' does not match the file name; expected id: ${fileId} (or rename the file to ${rule.id}.yaml)` });

  const compilation = compileRule(rule);
  if (!compilation.ok) {
    const parsed = await ruleYaml.source();
    for (const problem of compilation.problems) {
      const pos = locateInScalar(parsed, text, problem.field, problem.offset, problem.excerpt);
      issues.push({ file, ...pos, path: `$.${problem.field}`, message: `${problem.field}: ${problem.message}` });
    }
  } else {
    for (const read of compilation.compiled.factReads) {
      const factType = factTypeOf(rule, read);
      const known = checks.facts[factType] ?? {};
      if (Object.hasOwn(known, read.name)) continue;
      const names = Object.keys(known).sort();
      const pos = locateInScalar(await ruleYaml.source(), text, read.field, read.offset, `${read.variable}.${read.name}`);
      issues.push({
        file,
        ...pos,
        path: `$.${read.field}`,
        message: `${read.field}: unknown fact '${read.variable}.${read.name}' for ${factType}; ${names.length ? `expected one of: ${names.join(', ')}` : `${factType} has no facts`}`,
      });
    }
  }
  return issues.length > before ? undefined : { rule, idAt };
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The schema node a JSON pointer (`#/properties/title/pattern`) ends in, minus the keyword. */
function schemaNode(schema: Record<string, unknown>, schemaPath: string): Record<string, unknown> | undefined {
  const segments = schemaPath.replace(/^#\/?/, '').split('/').map(unescapePointer);
  segments.pop();
  let node: unknown = schema;
  for (const s of segments) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/** A house-style message written into the schema (`x-message`), when there is one. */
function schemaMessage(schema: Record<string, unknown>, schemaPath: string): string | undefined {
  const message = schemaNode(schema, schemaPath)?.['x-message'];
  return typeof message === 'string' ? message : undefined;
}

function propertiesAt(schema: Record<string, unknown>, segments: string[]): Record<string, unknown> {
  let node = schema;
  for (const s of segments) {
    const next = (node.properties as Record<string, Record<string, unknown>> | undefined)?.[s];
    if (!next) return {};
    node = next;
  }
  return (node.properties as Record<string, unknown> | undefined) ?? {};
}

/** Line and column of a value (or of its key) in the document; the nearest existing parent when it is missing. */
function locate({ doc, at, yaml }: Parsed, segments: string[], atKey: boolean): { line: number; column: number } {
  for (let n = segments.length; n >= 0; n--) {
    const path = segments.slice(0, n);
    if (atKey && n === segments.length && n > 0) {
      const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
      if (yaml.isMap(parent)) {
        const pair = parent.items.find((p) => yaml.isPair(p) && yaml.isScalar(p.key) && String(p.key.value) === path[path.length - 1]);
        const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
        if (range) return at(range[0]);
      }
      continue;
    }
    const node = n === 0 ? doc.contents : doc.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return at(range[0]);
  }
  return { line: 1, column: 1 };
}

/**
 * Where an offset inside a CEL string falls in the file. Block scalars (`|`, `>`)
 * and quotes shift text, so the excerpt is looked up in the scalar's source and the
 * occurrence nearest the estimate wins.
 */
function locateInScalar(parsed: Parsed, text: string, field: RuleField, offset: number, excerpt: string): { line: number; column: number } {
  const { doc, at } = parsed;
  const node = doc.getIn([field], true) as { range?: [number, number, number]; type?: string } | undefined;
  if (!node?.range) return locate(parsed, [field], false);
  const [start, end] = node.range;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  const estimate = Math.min(start + quoted + offset, end);
  const source = text.slice(start, end);
  if (excerpt) {
    let best = -1;
    for (let i = source.indexOf(excerpt); i >= 0; i = source.indexOf(excerpt, i + 1)) {
      if (best < 0 || Math.abs(start + i - estimate) < Math.abs(start + best - estimate)) best = i;
    }
    if (best >= 0) return at(start + best);
  }
  return at(estimate);
}
