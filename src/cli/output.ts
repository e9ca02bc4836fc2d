import { writeFileAtomic, writeFileAtomicChunks } from '../snapshot/atomic-write.js';
import type { CliContext } from './context.js';

/** Sends a command's result to --out (atomically, never over an existing file without --force) or to stdout. */
export async function writeResult(ctx: CliContext, text: string, options: { out?: string; force?: boolean }): Promise<void> {
  if (options.out) {
    await writeFileAtomic(options.out, text, { force: options.force });
    ctx.reporter.emit({ level: 'info', code: 'export.written', path: options.out });
  } else {
    await writeToStream(ctx.stdout, [text]);
  }
}

/** Like writeResult, for a result made of pieces: each is written as it comes, so the whole never has to be in memory. */
export async function writeResultChunks(ctx: CliContext, chunks: Iterable<string> | AsyncIterable<string>, options: { out?: string; force?: boolean }): Promise<void> {
  if (options.out) {
    await writeFileAtomicChunks(options.out, chunks, { force: options.force });
    ctx.reporter.emit({ level: 'info', code: 'export.written', path: options.out });
  } else {
    await writeToStream(ctx.stdout, chunks);
  }
}

/** Resolves when a stream wants more (or can take no more: it failed or closed). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done).off('error', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('error', done).on('close', done);
  });
}

/**
 * Writes pieces to a stream, each as it comes, waiting while the stream's
 * buffer is full. A reader that stops reading early (`kubelift assess | head`)
 * ends the writing quietly: EPIPE, or a stream already closed, is the reader's
 * choice, not a failure.
 */
export async function writeToStream(stream: NodeJS.WritableStream, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  let failure: NodeJS.ErrnoException | undefined;
  const fail = (error?: NodeJS.ErrnoException | null): void => {
    if (error) failure ??= error;
  };
  stream.on('error', fail);
  let lastWrite = Promise.resolve();
  for await (const chunk of chunks) {
    if (failure || !stream.writable) break;
    let wantsMore = true;
    lastWrite = new Promise((resolve) => {
      wantsMore = stream.write(chunk, (error) => {
        fail(error);
        resolve();
      });
    });
    if (!wantsMore) await drained(stream);
  }
  await lastWrite;
  // After a failure the stream may still emit its 'error': the listener stays to take it.
  if (failure) {
    if (failure.code !== 'EPIPE') throw failure;
  } else {
    stream.off('error', fail);
  }
}
