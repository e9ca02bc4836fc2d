import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeToStream } from '../../src/cli/output.js';

/** A stream that takes one piece at a time, slowly, and says when its small buffer is full. */
function slowSink(): Writable & { received: string[] } {
  const received: string[] = [];
  const sink = new Writable({
    highWaterMark: 64,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      received.push(chunk);
      setImmediate(done);
    },
  });
  return Object.assign(sink, { received });
}

describe('writeToStream', () => {
  it('writes every piece in order and asks for the next only when the stream has room', async () => {
    const sink = slowSink();
    let pulled = 0;
    let mostAhead = 0;
    function* pieces(): Generator<string> {
      for (let i = 0; i < 500; i++) {
        pulled++;
        mostAhead = Math.max(mostAhead, pulled - sink.received.length);
        yield `${i} ${'·'.repeat(100)}\n`;
      }
    }
    await writeToStream(sink, pieces());
    expect(sink.received.join('')).toBe(Array.from({ length: 500 }, (_, i) => `${i} ${'·'.repeat(100)}\n`).join(''));
    expect(mostAhead).toBeLessThanOrEqual(2);
    expect(sink.listenerCount('error')).toBe(0);
  });

  it('stops quietly when the reader has gone away (EPIPE), and takes the error event', async () => {
    const sink = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    let pulled = 0;
    function* pieces(): Generator<string> {
      for (;;) {
        pulled++;
        yield 'x'.repeat(1000);
      }
    }
    await writeToStream(sink, pieces());
    await new Promise((r) => setImmediate(r));
    expect(pulled).toBeLessThan(5);
  });

  it('stops quietly when a real pipe closes early (`| head -c 10`)', async () => {
    const head = spawn('head', ['-c', '10'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const output: Buffer[] = [];
    head.stdout.on('data', (d: Buffer) => output.push(d));
    const exited = once(head, 'exit');
    async function* pieces(): AsyncGenerator<string> {
      for (let i = 0; i < 10_000; i++) yield `${'y'.repeat(10_000)}\n`;
    }
    await writeToStream(head.stdin, pieces());
    await exited;
    expect(Buffer.concat(output).toString()).toBe('yyyyyyyyyy');
  });

  it('fails on any other write error', async () => {
    const sink = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
      },
    });
    await expect(writeToStream(sink, ['a', 'b'])).rejects.toThrow('no space left on device');
  });
});
