import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** Compiles a JSON Schema (draft-07) with the formats kubelift uses. */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile<T>(schema);
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
