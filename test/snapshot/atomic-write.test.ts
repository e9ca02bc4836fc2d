import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, OutputError } from '../../src/errors.js';
import { removeUnfinishedTempFiles, writeFileAtomic, writeFileAtomicChunks } from '../../src/snapshot/atomic-write.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'kubelift-atomic-'));

async function* slowly(pieces: string[]): AsyncGenerator<string> {
  for (const piece of pieces) {
    await new Promise((r) => setImmediate(r));
    yield piece;
  }
}

describe('writeFileAtomic', () => {
  it('turns a path that cannot be written into one OutputError (exit 2) naming the file', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'file'), 'x');
    const underFile = await writeFileAtomic(join(dir, 'file', 'out.json'), 'text').catch((e: unknown) => e);
    expect(underFile).toBeInstanceOf(OutputError);
    expect((underFile as OutputError).exitCode).toBe(2);
    expect((underFile as OutputError).message).toBe(`cannot write ${join(dir, 'file', 'out.json')}: a part of the path is a file, not a folder`);
    mkdirSync(join(dir, 'folder'));
    const onFolder = await writeFileAtomic(join(dir, 'folder'), 'text', { force: true }).catch((e: unknown) => e);
    expect(onFolder).toBeInstanceOf(OutputError);
    expect((onFolder as OutputError).exitCode).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['file', 'folder']);
  });

  it('turns a write that fails midway (disk full) into an OutputError with exit 1, keeping the old file', async () => {
    const dir = fresh();
    const path = join(dir, 'report.json');
    writeFileSync(path, 'old');
    function* full(): Generator<string> {
      yield 'first piece';
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    const error = await writeFileAtomicChunks(path, full(), { force: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).exitCode).toBe(1);
    expect((error as OutputError).message).toBe(`cannot write ${path}: no space left on the device`);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('lets anything that is not a file system error through as it is', async () => {
    function* broken(): Generator<string> {
      yield 'x';
      throw new TypeError('a bug');
    }
    const error = await writeFileAtomicChunks(join(fresh(), 'x.txt'), broken()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
  });

  it('writes text or bytes, making the folder', async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, 'a', 'b.txt'), 'text ’');
    await writeFileAtomic(join(dir, 'c.bin'), new Uint8Array([1, 2, 3]));
    expect(readFileSync(join(dir, 'a', 'b.txt'), 'utf8')).toBe('text ’');
    expect([...readFileSync(join(dir, 'c.bin'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir).sort()).toEqual(['a', 'c.bin']);
  });

  it('never overwrites without force', async () => {
    const dir = fresh();
    const path = join(dir, 'keep.txt');
    writeFileSync(path, 'precious');
    const error = await writeFileAtomic(path, 'new').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('precious');
    await writeFileAtomic(path, 'new', { force: true });
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['keep.txt']);
  });
});

describe('writeFileAtomicChunks', () => {
  it('writes the pieces of a sync or async iterable, in order', async () => {
    const dir = fresh();
    const pieces = Array.from({ length: 2000 }, (_, i) => `${i} – ${'x'.repeat(i % 300)}\n`);
    await writeFileAtomicChunks(join(dir, 'sync.txt'), pieces);
    await writeFileAtomicChunks(join(dir, 'async.txt'), slowly(pieces));
    await writeFileAtomicChunks(join(dir, 'empty.txt'), []);
    expect(readFileSync(join(dir, 'sync.txt'), 'utf8')).toBe(pieces.join(''));
    expect(readFileSync(join(dir, 'async.txt'), 'utf8')).toBe(pieces.join(''));
    expect(readFileSync(join(dir, 'empty.txt'), 'utf8')).toBe('');
  });

  it('writes pieces of any size and any characters byte for byte as Buffer.from encodes them', async () => {
    const dir = fresh();
    // Small pieces gathered, pieces that fill the write buffer past its end, pieces larger than it,
    // characters of 1 to 4 UTF-8 bytes and a lone surrogate.
    const pieces = ['{', 'é'.repeat(300_000), '€'.repeat(349_525), 'a'.repeat(349_525), '€'.repeat(349_526), '😀'.repeat(200_000), 'x', '\ud800', 'z'.repeat(2 ** 21), '}\n'];
    await writeFileAtomicChunks(join(dir, 'mixed.txt'), pieces);
    expect(readFileSync(join(dir, 'mixed.txt')).equals(Buffer.from(pieces.join('')))).toBe(true);
  });

  it('never overwrites without force, and overwrites with it', async () => {
    const dir = fresh();
    const path = join(dir, 'keep.json');
    writeFileSync(path, 'precious');
    await expect(writeFileAtomicChunks(path, ['{}'])).rejects.toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('precious');
    await writeFileAtomicChunks(path, ['{', '}'], { force: true });
    expect(readFileSync(path, 'utf8')).toBe('{}');
  });

  it('refuses a file that appeared while it was writing', async () => {
    const dir = fresh();
    const path = join(dir, 'late.json');
    async function* pieces(): AsyncGenerator<string> {
      yield 'a';
      writeFileSync(path, 'theirs');
      yield 'b';
    }
    await expect(writeFileAtomicChunks(path, pieces())).rejects.toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('theirs');
    expect(readdirSync(dir)).toEqual(['late.json']);
  });

  it('leaves the old file and no temporary file when the pieces fail half-way', async () => {
    const dir = fresh();
    const path = join(dir, 'report.json');
    writeFileSync(path, 'old');
    function* failing(): Generator<string> {
      yield 'x'.repeat(100_000);
      throw new Error('render failed');
    }
    await expect(writeFileAtomicChunks(path, failing(), { force: true })).rejects.toThrow('render failed');
    await expect(writeFileAtomicChunks(join(dir, 'new.json'), failing())).rejects.toThrow('render failed');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('removes the temporary file of an unfinished write when the process exits (Ctrl-C)', async () => {
    const dir = fresh();
    let release!: () => void;
    const stalled = new Promise<void>((r) => (release = r));
    async function* pieces(): AsyncGenerator<string> {
      yield 'first';
      await stalled;
      throw new Error('stopped');
    }
    const writing = writeFileAtomicChunks(join(dir, 'out.json'), pieces());
    while (readdirSync(dir).length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(readdirSync(dir)[0]).toMatch(/^\.out\.json\.[0-9a-f]{12}\.tmp$/);
    expect(process.listeners('exit')).toContain(removeUnfinishedTempFiles);
    removeUnfinishedTempFiles();
    expect(readdirSync(dir)).toEqual([]);
    release();
    await expect(writing).rejects.toThrow('stopped');
    expect(existsSync(join(dir, 'out.json'))).toBe(false);
    expect(process.listeners('exit')).not.toContain(removeUnfinishedTempFiles);
  });
});
