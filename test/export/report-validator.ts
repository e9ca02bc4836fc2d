/** Validates reports against docs/schemas/report.schema.json, as consumers of the report would. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { paths } from '../../src/paths.js';
import { compileSchema, describeSchemaError } from '../../src/snapshot/json-schema.js';

const validate = compileSchema(JSON.parse(readFileSync(join(paths.schemas, 'report.schema.json'), 'utf8')) as object);

/** Fails the test with the first schema error (path and message) when the report does not match. */
export function expectValidReport(report: unknown): void {
  const ok = validate(report);
  const problem = ok ? '' : `${describeSchemaError(validate.errors).path} ${describeSchemaError(validate.errors).message}`;
  expect(problem).toBe('');
}
