/**
 * Loads the known-application catalog (apps/*.yaml, one file per application):
 * YAML with positions, validated against docs/schemas/app.schema.json, then
 * what a schema cannot say (id == file name, patterns that compile, unique
 * ids). Mapping is pure; this is where the catalog is read from disk.
 */
// Catalog files are small and read one at a time: a synchronous read costs a tenth of what the
// promise API's bookkeeping does (≈0.3 ms a file).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InputError, type InputIssue } from '../errors.js';
import type { AppDefinition } from '../mapping/types.js';
import { paths } from '../paths.js';
import { schemaValidator } from '../snapshot/json-schema.js';
import { readYamlFile } from '../snapshot/prebuilt-yaml.js';

// yaml-input.js brings the YAML library, which takes tens of milliseconds to load: the built-in
// catalog, read from data the build parsed, needs it only to point at a problem.
const yamlInput = () => import('./yaml-input.js');

/** Parses and checks one catalog file's text; problems go to `issues`. */
export async function parseAppDefinition(text: string, file: string, issues: InputIssue[]): Promise<AppDefinition | undefined> {
  const before = issues.length;
  const yaml = await readYamlFile(text, async () => (await yamlInput()).parseYaml(text, file, issues), (parsed) => parsed.doc.toJS() as unknown);
  if (!yaml) return undefined;
  const { data } = yaml;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    issues.push({ file, line: 1, column: 1, path: '$', message: 'expected a mapping of application fields (id, name, signals, …)' });
    return undefined;
  }
  const check = (await schemaValidator<AppDefinition>('app')).validate;
  if (!check(data)) {
    const { schemaIssues } = await yamlInput();
    issues.push(...schemaIssues(check, await yaml.source(), file));
    return undefined;
  }
  const app = data as AppDefinition;
  const id = basename(file, extname(file));
  if (app.id !== id) {
    const { locate } = await yamlInput();
    issues.push({ file, ...locate(await yaml.source(), ['id']), path: '$.id', message: `id '${app.id}' does not match the file name; expected id: ${id}` });
  }
  for (const [i, signal] of app.signals.entries()) {
    for (const field of ['pattern', 'tagKey'] as const) {
      const pattern = signal[field];
      if (pattern === undefined) continue;
      try {
        new RegExp(pattern, 'i');
      } catch (error) {
        const { jsonPath, locate } = await yamlInput();
        const segments = ['signals', String(i), field];
        issues.push({ file, ...locate(await yaml.source(), segments), path: jsonPath(segments), message: `not a valid regular expression: ${(error as Error).message}` });
      }
    }
  }
  return issues.length > before ? undefined : { ...app, file };
}

/** Loads every application of the catalog folders (sorted by id); throws one InputError listing every problem. */
export async function loadAppCatalog(dirs: readonly string[] = [paths.apps]): Promise<AppDefinition[]> {
  const issues: InputIssue[] = [];
  const apps = new Map<string, AppDefinition>();
  for (const dir of [...new Set(dirs)]) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n) && !n.startsWith('.')).sort();
    } catch {
      issues.push({ file: dir, message: 'no such folder; expected a folder of application files (*.yaml)' });
      continue;
    }
    for (const name of names) {
      const file = join(dir, name);
      const app = await parseAppDefinition(readFileSync(file, 'utf8'), file, issues);
      if (!app) continue;
      const previous = apps.get(app.id);
      if (previous) {
        issues.push({ file, line: 1, column: 1, path: '$.id', message: `duplicate application id '${app.id}': already defined in ${previous.file}` });
        continue;
      }
      apps.set(app.id, app);
    }
  }
  if (issues.length > 0) {
    const first = issues[0] as InputIssue;
    throw new InputError(`${issues.length} problem${issues.length === 1 ? '' : 's'} in the known-application catalog`, {
      code: 'E_INPUT',
      issues,
      location: { file: first.file, line: first.line, column: first.column },
      hint: 'Fix the application files listed above (their format: docs/schemas/app.schema.json).',
    });
  }
  return [...apps.values()].sort((a, b) => a.id.localeCompare(b.id));
}
