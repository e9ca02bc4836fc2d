import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { packageRoot, paths } from '../paths.js';

// Ajv and its compiler take ≈0.2 s to load and run; a built kubelift validates
// with code generated at build time and needs neither. They are loaded only
// when a schema is compiled here.
const require = createRequire(import.meta.url);

/** The schemas of docs/schemas that have a validator (`<name>.schema.json`). */
export type SchemaName = 'snapshot' | 'rule' | 'app' | 'plan' | 'report';

/** Where the build writes each schema's validator as code (scripts/build-validators.mjs). */
export const builtValidatorsDir = join(packageRoot, 'dist', 'validators');

/** A new Ajv with the options and formats every kubelift schema is checked with, built or compiled. */
export function newAjv(options: { code?: { source: true; esm: true } } = {}): Ajv {
  const { Ajv: AjvClass } = require('ajv') as { Ajv: typeof Ajv };
  const ajv = new AjvClass({ allErrors: true, strict: false, ...options });
  (require('ajv-formats') as (ajv: Ajv) => Ajv)(ajv);
  return ajv;
}

/** Compiles a JSON Schema (draft-07) with the formats kubelift uses. */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  return newAjv().compile<T>(schema);
}

/**
 * The text of an ES module that validates data against a schema without Ajv's
 * compiler: the same checks and the same errors as compileSchema. It also holds
 * the schema's text, so a validator built from another version of the schema is
 * never used.
 */
export function validatorModuleCode(schemaText: string): string {
  const standaloneCode = require('ajv/dist/standalone') as (ajv: Ajv, validate: ValidateFunction) => string;
  const ajv = newAjv({ code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(JSON.parse(schemaText) as object));
  // The generated code loads Ajv's small runtime helpers and the formats with require().
  return [
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    `export const schemaText = ${JSON.stringify(schemaText)};`,
    `export const generator = ${JSON.stringify(generator())};`,
    code,
    '',
  ].join('\n');
}

/** What made a validator besides its schema: Ajv's and ajv-formats' versions (their packages are read, not loaded). */
function generator(): string {
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  return `ajv ${version('ajv')}, ajv-formats ${version('ajv-formats')}`;
}

export interface SchemaValidator<T> {
  schema: Record<string, unknown>;
  validate: ValidateFunction<T>;
}

const validators = new Map<SchemaName, SchemaValidator<unknown>>();

/** The schema docs/schemas/<name>.schema.json and its validator: the built one when it matches the schema, else compiled now. */
export async function schemaValidator<T>(name: SchemaName): Promise<SchemaValidator<T>> {
  let loaded = validators.get(name);
  if (!loaded) {
    const text = await readFile(join(paths.schemas, `${name}.schema.json`), 'utf8');
    const schema = JSON.parse(text) as Record<string, unknown>;
    const built = await importBuilt(join(builtValidatorsDir, `${name}.js`));
    const current = built !== undefined && built.schemaText === text && built.generator === generator();
    loaded = { schema, validate: current ? built.validate : compileSchema(schema) };
    validators.set(name, loaded);
  }
  return loaded as SchemaValidator<T>;
}

async function importBuilt(file: string): Promise<{ schemaText: string; generator: string; validate: ValidateFunction } | undefined> {
  try {
    return (await import(pathToFileURL(file).href)) as { schemaText: string; generator: string; validate: ValidateFunction };
  } catch {
    // Not built yet, or a build that stopped half-way: the schema is compiled instead.
    return undefined;
  }
}

/** One line for the first (most specific) schema error: JSON path and what was expected. */
export function describeSchemaError(errors: ErrorObject[] | null | undefined): { path: string; message: string } {
  const error = errors?.[0];
  if (!error) return { path: '', message: 'does not match the schema' };
  const path = error.instancePath ? error.instancePath.replace(/^\//, '').split('/').map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') : '(root)';
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') message = `has an unknown field '${String(error.params.additionalProperty)}'`;
  if (error.keyword === 'enum') message = `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'const') message = `must be ${JSON.stringify(error.params.allowedValue)}`;
  return { path: `$${path === '(root)' ? '' : path.startsWith('[') ? path : `.${path}`}`, message };
}
