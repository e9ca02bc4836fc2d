#!/usr/bin/env node
// Writes dist/validators/<name>.js for each docs/schemas/<name>.schema.json: the
// schema's validator as code, so kubelift validates without compiling schemas at
// run time. Runs after tsc in the build (it uses dist/).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { paths } from '../dist/paths.js';
import { builtValidatorsDir, validatorModuleCode } from '../dist/snapshot/json-schema.js';

await mkdir(builtValidatorsDir, { recursive: true });
const names = (await readdir(paths.schemas)).filter((n) => n.endsWith('.schema.json')).sort();
for (const name of names) {
  const text = await readFile(join(paths.schemas, name), 'utf8');
  await writeFile(join(builtValidatorsDir, name.replace(/\.schema\.json$/, '.js')), validatorModuleCode(text));
}
