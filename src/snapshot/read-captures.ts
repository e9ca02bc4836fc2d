/**
 * Reads a folder of AWS CLI captures (docs/import.md) into memory: every
 * `.json` file parsed, every `.error.txt` file as text, keyed by its path
 * relative to the folder with `/` separators. What the files mean is
 * import-aws-cli.ts's job; this module only reads, and turns unreadable or
 * malformed files into one clear InputError.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { parseJson } from './read-write.js';

/** Relative path (`123456789012/us-east-1/ec2-describe-instances.json`) → parsed JSON, or text for `.error.txt`. */
export type CaptureFiles = Map<string, unknown>;

/** Captures sit at most this deep: DIR/<account>/<region>/<command>/<key>.json, with room for one enclosing folder. */
const MAX_DEPTH = 6;

const HINT = 'Produce the folder with scripts/capture-aws-cli.sh, or with the commands in docs/import.md.';

/** Decodes a file the way a shell redirect may have written it: UTF-8, UTF-8 with a BOM, or UTF-16 (PowerShell). */
function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function unreadable(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
  return new InputError(`${path}: ${reason}`, { code: 'E_INPUT_CAPTURE', location: { file: path }, hint: code === 'ENOENT' ? HINT : undefined });
}

/** Reads every capture file under `dir`; hidden files and folders (half-written temporaries) are skipped. */
export async function readCaptures(dir: string): Promise<CaptureFiles> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    throw unreadable(dir, error);
  }
  if (!info.isDirectory()) {
    throw new InputError(`${dir}: not a folder; --aws-cli takes the folder the AWS CLI output was saved in`, { code: 'E_INPUT_CAPTURE', location: { file: dir }, hint: HINT });
  }
  const files: CaptureFiles = new Map();
  const walk = async (relative: string, depth: number): Promise<void> => {
    const absolute = relative === '' ? dir : join(dir, relative);
    let names: string[];
    try {
      names = (await readdir(absolute)).sort();
    } catch (error) {
      throw unreadable(absolute, error);
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const rel = relative === '' ? name : `${relative}/${name}`;
      const path = join(dir, rel);
      let entry;
      try {
        // stat, not lstat: a symlinked capture folder or file is read like a real one.
        entry = await stat(path);
      } catch (error) {
        throw unreadable(path, error);
      }
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(rel, depth + 1);
        continue;
      }
      if (!entry.isFile()) continue;
      const isJson = name.endsWith('.json');
      const isError = name.endsWith('.error.txt');
      if (!isJson && !isError) continue;
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        throw unreadable(path, error);
      }
      const text = decodeText(bytes);
      files.set(rel, isJson ? parseJson(text, path, 'E_INPUT_CAPTURE') : text);
    }
  };
  await walk('', 0);
  return files;
}
