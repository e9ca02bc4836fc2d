import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, existsSync, openSync, rmSync, writeSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputError, KubeliftError, OutputError } from '../errors.js';

/** Temporary files of the writes under way, removed if the process exits first. */
const unfinished = new Set<string>();

/**
 * Removes the temporary files of writes still under way. It runs when the
 * process exits, so Ctrl-C (main.ts exits on SIGINT) leaves none behind.
 */
export function removeUnfinishedTempFiles(): void {
  for (const temp of unfinished) rmSync(temp, { force: true });
  unfinished.clear();
}

/** Refuses to write over an existing file without `force` (E_FILE_EXISTS); commands call it before their work, writes again before the rename. */
export function refuseToOverwrite(path: string, options: { force?: boolean }): void {
  if (!options.force && existsSync(path)) {
    throw new InputError(`${path} already exists`, { code: 'E_FILE_EXISTS', hint: 'Pass --force to overwrite it, or choose another path.', location: { file: path } });
  }
}

// Errors that mean the path itself cannot be written: the user's to fix, before running again.
const PATH_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  ENAMETOOLONG: 'the name is too long',
  ENOENT: 'a folder on the path does not exist',
};
// Errors that stop a write midway.
const WRITE_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is larger than the file system allows',
  EIO: 'an I/O error',
};

/** A failed write as one clear OutputError naming the file; anything else (a bug) as it is. */
function outputError(path: string, error: unknown, errno = (error as NodeJS.ErrnoException | undefined)?.code): unknown {
  if (error instanceof KubeliftError) return error;
  if (errno && PATH_ERRORS[errno]) {
    return new OutputError(`cannot write ${path}: ${PATH_ERRORS[errno]}`, { exitCode: 2, cause: error, location: { file: path }, hint: 'Choose another path with --out, or fix the permissions of this one.' });
  }
  if (errno && WRITE_ERRORS[errno]) {
    return new OutputError(`cannot write ${path}: ${WRITE_ERRORS[errno]}`, { exitCode: 1, cause: error, location: { file: path }, hint: 'Nothing was written over; free some space, or write elsewhere, and run again.' });
  }
  return error;
}

/**
 * Writes a file so that readers see either the old content or the new, never
 * half of it: `write` fills a temporary file beside the target, then a rename
 * replaces it. An existing file is kept unless `force` is set; the temporary
 * file is removed when anything fails.
 */
async function writeAtomically(path: string, options: { force?: boolean }, write: (temp: string) => Promise<void>): Promise<void> {
  refuseToOverwrite(path, options);
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    // mkdir says EEXIST when a file stands where a folder of the path should be.
    const errno = (error as NodeJS.ErrnoException).code;
    throw outputError(path, error, errno === 'EEXIST' ? 'ENOTDIR' : errno);
  }
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  if (unfinished.size === 0) process.on('exit', removeUnfinishedTempFiles);
  unfinished.add(temp);
  try {
    await write(temp);
    // A large write takes a while: check again that no file appeared meanwhile.
    refuseToOverwrite(path, options);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw outputError(path, error);
  } finally {
    unfinished.delete(temp);
    if (unfinished.size === 0) process.off('exit', removeUnfinishedTempFiles);
  }
}

/** Writes a file atomically (see writeAtomically): never half-written, never over an existing file without `force`. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { force?: boolean } = {}): Promise<void> {
  await writeAtomically(path, options, (temp) => writeFile(temp, data));
}

/**
 * Writes a file atomically from pieces of text, each written as it comes: the
 * whole text never has to be in memory. Pieces that come synchronously (a
 * generator) are written with synchronous writes, which cost less than half
 * of a stream's for the many small pieces of a large report; pieces that come
 * asynchronously go through a stream that asks for the next only when the
 * disk has caught up.
 */
export async function writeFileAtomicChunks(path: string, chunks: Iterable<string> | AsyncIterable<string>, options: { force?: boolean } = {}): Promise<void> {
  if (Symbol.iterator in chunks) {
    await writeAtomically(path, options, async (temp) => writeEachSync(temp, chunks));
    return;
  }
  await writeAtomically(path, options, (temp) => pipeline(Readable.from(chunks), createWriteStream(temp, { flags: 'wx' })));
}

function writeAllSync(fd: number, bytes: Uint8Array, length: number): void {
  // A short write (the disk filling up) goes on with the rest, so the next write reports the error.
  for (let offset = 0; offset < length; ) offset += writeSync(fd, bytes, offset, length - offset);
}

/** Pieces are gathered into one buffer of this size and written together: one system call per MiB, not per piece. */
const WRITE_BUFFER_BYTES = 2 ** 20;

// A UTF-16 code unit takes at most 3 bytes in UTF-8: a piece of n units fits in 3n bytes.
const MAX_BYTES_PER_UNIT = 3;

function writeEachSync(temp: string, chunks: Iterable<string>): void {
  const fd = openSync(temp, 'wx');
  try {
    const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
    let used = 0;
    for (const chunk of chunks) {
      const most = chunk.length * MAX_BYTES_PER_UNIT;
      if (used + most > buffer.length) {
        writeAllSync(fd, buffer, used);
        used = 0;
      }
      if (most > buffer.length) {
        const bytes = Buffer.from(chunk);
        writeAllSync(fd, bytes, bytes.length);
      } else {
        used += buffer.write(chunk, used);
      }
    }
    writeAllSync(fd, buffer, used);
  } finally {
    closeSync(fd);
  }
}
