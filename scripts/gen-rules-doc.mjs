#!/usr/bin/env node
// Writes docs/rules.md from the rule files in rules/. Run after `npm run build`;
// test/rules/catalog.test.ts fails while the file is out of date.
import { join } from 'node:path';
import { packageRoot, paths } from '../dist/paths.js';
import { loadRules } from '../dist/rules/load.js';
import { renderCatalogReference } from '../dist/rules/reference-markdown.js';
import { writeFileAtomic } from '../dist/snapshot/atomic-write.js';

const rules = await loadRules([paths.rules]);
const target = join(packageRoot, 'docs', 'rules.md');
await writeFileAtomic(target, renderCatalogReference(rules), { force: true });
process.stdout.write(`wrote docs/rules.md (${rules.length} rules)\n`);
