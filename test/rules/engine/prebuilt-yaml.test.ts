import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../../src/errors.js';
import { paths } from '../../../src/paths.js';
import { loadAppCatalog, parseAppDefinition } from '../../../src/plan/app-catalog-file.js';
import { loadRules } from '../../../src/rules/load.js';
import { prebuiltYamlData } from '../../../src/snapshot/prebuilt-yaml.js';

// The build keeps the data of the built-in rule and application files (dist/yaml-data.json), found
// by their exact text; these tests check that such a file reads and fails as a parsed one does.

const folder = (): string => mkdtempSync(join(tmpdir(), 'kubelift-prebuilt-'));
const lineOf = (text: string, prefix: string): number => text.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;

async function issuesOf(load: Promise<unknown>): Promise<InputIssue[]> {
  const error = await load.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError & { issues: InputIssue[] }).issues;
}

describe('built-in YAML files read without parsing', () => {
  it('are all in the data the build parsed (npm test builds first)', async () => {
    const texts = [paths.rules, paths.apps].flatMap((dir) => readdirSync(dir).filter((n) => n.endsWith('.yaml')).map((n) => readFileSync(join(dir, n), 'utf8')));
    expect(texts.length).toBeGreaterThan(40);
    for (const text of texts) expect(await prebuiltYamlData(text)).toBeDefined();
    expect(await prebuiltYamlData(`${texts[0]}# edited\n`)).toBeUndefined();
  });

  it('give the rules and applications their parsed text gives', async () => {
    // A comment at the end makes each text one the build has not seen: it is parsed.
    const rules = folder();
    for (const name of readdirSync(paths.rules)) writeFileSync(join(rules, name), `${readFileSync(join(paths.rules, name), 'utf8')}# copy\n`);
    const apps = folder();
    for (const name of readdirSync(paths.apps)) writeFileSync(join(apps, name), `${readFileSync(join(paths.apps, name), 'utf8')}# copy\n`);
    const strip = <T extends { file?: string }>(items: T[]): Omit<T, 'file'>[] => items.map(({ file: _file, ...rest }) => rest);
    expect(strip(await loadRules([paths.rules]))).toEqual(strip(await loadRules([rules])));
    expect(strip(await loadAppCatalog())).toEqual(strip(await loadAppCatalog([apps])));
  });

  it('point at the line and column of a rule id that does not match its file, or is a duplicate', async () => {
    const text = readFileSync(join(paths.rules, 'asg-single-az.yaml'), 'utf8');
    const renamed = folder();
    writeFileSync(join(renamed, 'another-name.yaml'), text);
    const [mismatch] = await issuesOf(loadRules([renamed]));
    expect(mismatch).toMatchObject({ line: lineOf(text, 'id:'), column: 5, path: '$.id' });
    expect(mismatch!.message).toMatch(/^id 'asg-single-az' does not match the file name; expected id: another-name/);

    const twin = folder();
    writeFileSync(join(twin, 'asg-single-az.yaml'), text);
    const [duplicate] = await issuesOf(loadRules([paths.rules, twin]));
    expect(duplicate).toMatchObject({ file: join(twin, 'asg-single-az.yaml'), line: lineOf(text, 'id:'), column: 5, path: '$.id' });
    expect(duplicate!.message).toMatch(/^duplicate rule id 'asg-single-az'/);
  });

  it('point at the line and column of an application id that does not match its file', async () => {
    const text = readFileSync(join(paths.apps, 'redis.yaml'), 'utf8');
    const issues: InputIssue[] = [];
    expect(await parseAppDefinition(text, 'other.yaml', issues)).toBeUndefined();
    expect(issues).toEqual([{ file: 'other.yaml', line: lineOf(text, 'id:'), column: 5, path: '$.id', message: "id 'redis' does not match the file name; expected id: other" }]);
  });
});
