import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ValidateFunction } from 'ajv';
import { InputError } from '../errors.js';
import { writeFileAtomic, writeFileAtomicChunks } from './atomic-write.js';
import { findJsonErrorOffset } from './json-position.js';
import { parseJsonBytes, parseJsonFile } from './parse-json-bytes.js';
import { describeSchemaError, schemaValidator } from './json-schema.js';
import { countResources, normalizeSnapshot } from './normalize.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from './types.js';

async function validate(): Promise<ValidateFunction<Snapshot>> {
  return (await schemaValidator<Snapshot>('snapshot')).validate;
}

/**
 * Above this many resources a snapshot is written without indentation: the
 * indented text of a 100,000-instance estate is larger than the longest string
 * Node can hold, so it could be neither written nor read back.
 */
export const COMPACT_ABOVE_RESOURCES = 20_000;

/**
 * Serializes a snapshot the one way kubelift writes it: normalized, sorted,
 * 2-space JSON; for large estates, compact JSON with one resource per line.
 */
export function serializeSnapshot(snapshot: Snapshot): string {
  return [...serializeSnapshotChunks(snapshot)].join('');
}

/** The text of serializeSnapshot in pieces: a large estate's text is written without ever being one string. */
export function serializeSnapshotChunks(snapshot: Snapshot): Iterable<string> {
  const normalized = normalizeSnapshot(snapshot);
  return countResources(normalized) <= COMPACT_ABOVE_RESOURCES ? [`${JSON.stringify(normalized, null, 2)}\n`] : compactLines(normalized);
}

/**
 * The text of a large snapshot, in pieces: compact JSON with a line break
 * before each top-level key, each resource type and each resource, and before
 * the bracket that closes a type's list. Still one plain JSON document; a
 * reader that knows the layout finds where each resource ends by looking for
 * the line break, without scanning the resource (see parse-json-bytes.ts).
 */
function* compactLines(snapshot: Snapshot): Generator<string> {
  let separator = '{\n';
  for (const [key, value] of Object.entries(snapshot)) {
    if (key !== 'resources') {
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) continue;
      yield `${separator}${JSON.stringify(key)}:${json}`;
    } else {
      yield `${separator}"resources":{`;
      let typeSeparator = '\n';
      for (const [type, list] of Object.entries(value as Snapshot['resources'])) {
        if (!list) continue;
        yield `${typeSeparator}${JSON.stringify(type)}:[`;
        for (let i = 0; i < list.length; i++) yield `${i === 0 ? '\n' : ',\n'}${JSON.stringify(list[i]) ?? 'null'}`;
        yield list.length === 0 ? ']' : '\n]';
        typeSeparator = ',\n';
      }
      yield '\n}';
    }
    separator = ',\n';
  }
  yield '\n}\n';
}

/** Writes a snapshot atomically; `.gz` paths are gzipped. */
export async function writeSnapshot(path: string, snapshot: Snapshot, options: { force?: boolean } = {}): Promise<void> {
  if (path.endsWith('.gz')) await writeFileAtomic(path, gzipSync(serializeSnapshot(snapshot), { level: 9, mtime: 0 } as never), options);
  else await writeFileAtomicChunks(path, serializeSnapshotChunks(snapshot), options);
}

/** Where in a text a character offset falls, 1-based. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak };
}

type JsonErrorCode = 'E_INPUT_SNAPSHOT' | 'E_INPUT_CAPTURE' | 'E_INPUT';

/** Parses JSON text, turning a syntax error into an InputError with line and column. */
export function parseJson(text: string, file: string, code: JsonErrorCode = 'E_INPUT'): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === '') throw new InputError(`${file}: the file is empty`, { code, location: { file, line: 1, column: 1 } });
    const offset = findJsonErrorOffset(text);
    const where = lineAndColumn(text, offset < 0 ? text.length : offset);
    const reason = offset >= text.length || offset < 0 ? 'invalid JSON: the text ends too early (truncated?)' : `invalid JSON: unexpected ${JSON.stringify(text[offset])}`;
    throw new InputError(`${file}:${where.line}:${where.column}: ${reason}`, { code, location: { file, ...where } });
  }
}

/** A file's bytes, decompressed when gzipped; every failure is one clear InputError. */
async function readBytes(path: string, code: JsonErrorCode): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    const reason = errno === 'ENOENT' ? 'no such file' : errno === 'EISDIR' ? 'is a folder, not a file' : errno === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new InputError(`${path}: ${reason}`, { code, location: { file: path } });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes);
    } catch {
      throw new InputError(`${path}: the gzip data is corrupt or truncated`, { code, location: { file: path } });
    }
  }
  return bytes;
}

function decodeUtf8(bytes: Buffer, path: string, code: JsonErrorCode): string {
  try {
    return bytes.toString('utf8');
  } catch {
    throw new InputError(`${path}: ${Math.round(bytes.length / 2 ** 20)} MiB of text is more than Node.js can hold in one string`, {
      code,
      location: { file: path },
      hint: 'Write it without indentation (kubelift does for large estates), or split the estate by region or account.',
    });
  }
}

/**
 * Reads a JSON file (gzipped or not) and parses it; every failure is one clear InputError.
 * A plain JSON file is parsed as it is read, a block at a time (see
 * parse-json-bytes.ts). Anything else is read whole: a gzipped file is
 * decompressed, and the text of invalid JSON, as large as the file, is made
 * only to say where it goes wrong.
 */
export async function readJsonFile(path: string, code: JsonErrorCode = 'E_INPUT'): Promise<unknown> {
  const parsed = parseJsonFile(path);
  if (parsed !== undefined) return parsed;
  const bytes = await readBytes(path, code);
  const fromBytes = parseJsonBytes(bytes);
  return fromBytes !== undefined ? fromBytes : parseJson(decodeUtf8(bytes, path, code), path, code);
}

/** Reads, decompresses, parses and validates a snapshot; every failure is one clear InputError. */
export async function readSnapshot(path: string): Promise<Snapshot> {
  return checkSnapshot(await readJsonFile(path, 'E_INPUT_SNAPSHOT'), path);
}

/** Checks parsed data against the snapshot schema. */
export async function checkSnapshot(data: unknown, file: string): Promise<Snapshot> {
  if (!data || typeof data !== 'object' || Array.isArray(data) || !('schemaVersion' in data)) {
    throw new InputError(`${file}: not a kubelift snapshot (no schemaVersion field)`, {
      code: 'E_INPUT_SNAPSHOT',
      location: { file, path: '$' },
      hint: 'Create one with `kubelift scan` or `kubelift import`, or try `--demo`.',
    });
  }
  const version = (data as { schemaVersion: unknown }).schemaVersion;
  if (version !== SNAPSHOT_SCHEMA_VERSION) {
    throw new InputError(`${file}: snapshot schemaVersion ${JSON.stringify(version)} is not supported (this kubelift reads version ${SNAPSHOT_SCHEMA_VERSION})`, {
      code: 'E_INPUT_SNAPSHOT',
      location: { file, path: '$.schemaVersion' },
      hint: 'Scan again with this version of kubelift.',
    });
  }
  const check = await validate();
  if (!check(data)) {
    const { path, message } = describeSchemaError(check.errors);
    throw new InputError(`${file}: ${path} ${message}`, { code: 'E_INPUT_SNAPSHOT', location: { file, path } });
  }
  return data;
}
