import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

/**
 * Where the build writes the data of the built-in YAML files (rules/*.yaml,
 * apps/*.yaml) that parse without a problem (scripts/build-yaml-data.mjs): pairs
 * of a file's text and the JSON of its data.
 */
export const prebuiltYamlFile = join(packageRoot, 'dist', 'yaml-data.json');

let prebuilt: Promise<Map<string, string>> | undefined;

async function load(): Promise<Map<string, string>> {
  try {
    return new Map(JSON.parse(await readFile(prebuiltYamlFile, 'utf8')) as [string, string][]);
  } catch {
    // Not built yet, or a build that stopped half-way: every file is parsed.
    return new Map();
  }
}

/**
 * The data of a YAML text the build parsed, a new copy each time; undefined for
 * any other text. Parsing YAML with positions is most of the time it takes to
 * load the built-in rules and applications; their text, unchanged since the
 * build, needs no positions, as it has no problem to point at.
 */
export async function prebuiltYamlData(text: string): Promise<unknown> {
  prebuilt ??= load();
  const json = (await prebuilt).get(text);
  return json === undefined ? undefined : JSON.parse(json);
}

/** A YAML file's data, and its parse with positions for messages that point into it. */
export interface YamlFile<P> {
  data: unknown;
  source(): Promise<P>;
}

/**
 * Reads a YAML text with `parse` (which reports its problems), or, for a text
 * the build parsed, takes its data from the build and parses only when a
 * message needs a position.
 */
export async function readYamlFile<P>(text: string, parse: () => Promise<P | undefined>, dataOf: (parsed: P) => unknown): Promise<YamlFile<P> | undefined> {
  const prebuilt = await prebuiltYamlData(text);
  if (prebuilt !== undefined) {
    let parsed: Promise<P> | undefined;
    // The build keeps only text that parses without a problem: this parse reports none and gives a result.
    return { data: prebuilt, source: () => (parsed ??= parse() as Promise<P>) };
  }
  const parsed = await parse();
  return parsed === undefined ? undefined : { data: dataOf(parsed), source: () => Promise.resolve(parsed) };
}
