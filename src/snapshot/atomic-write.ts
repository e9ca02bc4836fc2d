import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/**
 * Writes a file so that readers see either the old content or the new, never
 * half of it: the bytes go to a temporary file beside the target, then a rename
 * replaces it. An existing file is kept unless `force` is set.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { force?: boolean } = {}): Promise<void> {
  if (!options.force && existsSync(path)) {
    throw new InputError(`${path} already exists`, { code: 'E_FILE_EXISTS', hint: 'Pass --force to overwrite it, or choose another path.', location: { file: path } });
  }
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
