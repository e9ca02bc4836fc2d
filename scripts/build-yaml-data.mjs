#!/usr/bin/env node
// Writes dist/yaml-data.json: the data of each built-in rule and application
// file (rules/*.yaml, apps/*.yaml), keyed by the file's text, so kubelift reads
// them without parsing YAML at run time. Only files that parse without an error
// or a warning, hold a mapping, use no mapping or list as a key, and whose data
// JSON holds exactly, are written; any other text is parsed as before.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { isCollection, isMap, parseDocument, visit } from 'yaml';
import { paths } from '../dist/paths.js';
import { prebuiltYamlFile } from '../dist/snapshot/prebuilt-yaml.js';

function plainData(text) {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isMap(doc.contents)) return undefined;
  let collectionKey = false;
  visit(doc, {
    Pair(_key, pair) {
      if (isCollection(pair.key)) collectionKey = true;
    },
  });
  if (collectionKey) return undefined;
  const data = doc.toJS();
  const json = JSON.stringify(data);
  return isDeepStrictEqual(JSON.parse(json), data) ? json : undefined;
}

const pairs = [];
for (const dir of [paths.rules, paths.apps]) {
  for (const name of (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const text = await readFile(join(dir, name), 'utf8');
    const json = plainData(text);
    if (json !== undefined) pairs.push([text, json]);
  }
}
await writeFile(prebuiltYamlFile, JSON.stringify(pairs));
