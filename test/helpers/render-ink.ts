/**
 * Renders an Ink tree into fake terminal streams, like ink-testing-library,
 * but with a size of our choosing, resizes, and `press()`, which writes a key
 * and waits for the frame it causes (React 19 schedules effects after the
 * write, so a fixed sleep would be either slow or flaky).
 */
import { EventEmitter } from 'node:events';
import { render as inkRender, type Instance } from 'ink';
import type { ReactElement } from 'react';

// Built from a string: a control character in a regular expression literal reads as a mistake.
const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[ -/]*[@-~]|${ESC}\\][^${BEL}]*${BEL}`, 'g');

/** Text without colours and styles. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const KEYS: Record<string, string> = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  return: '\r',
  enter: '\r',
  escape: '\u001B',
  esc: '\u001B',
  backspace: '\u007F',
  tab: '\t',
  pageup: '\u001B[5~',
  pagedown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  space: ' ',
  'ctrl+c': '\u0003',
  'ctrl+u': '\u0015',
};

export interface InkHarness {
  /** The last frame, without ANSI styles. */
  lastFrame(): string;
  /** The last frame as written, with styles. */
  lastRawFrame(): string;
  frameCount(): number;
  /** Writes a key (`down`, `return`, `escape`, `ctrl+c`, or a character) and waits for the next frame; false when none came. */
  press(key: string, options?: { timeoutMs?: number }): Promise<boolean>;
  /** Types text one key at a time, each waiting for its frame. */
  type(text: string): Promise<void>;
  /** Changes the terminal size and waits for the redraw. */
  resize(columns: number, rows: number): Promise<void>;
  /** Waits until the last frame satisfies a predicate; throws with the frame after the timeout. */
  waitFor(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  unmount(): void;
  instance: Instance;
}

async function nextTick(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

export function renderInk(tree: ReactElement, size: { columns: number; rows: number } = { columns: 80, rows: 24 }): InkHarness {
  const stdout = new FakeStdout(size.columns, size.rows);
  const stderr = new FakeStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const last = (): string => stdout.frames[stdout.frames.length - 1] ?? '';

  const waitForFrame = async (before: number, timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (stdout.frames.length === before) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // Let effects the frame scheduled run before the next key.
    await nextTick();
    return true;
  };

  const harness: InkHarness = {
    lastFrame: () => stripAnsi(last()),
    lastRawFrame: last,
    frameCount: () => stdout.frames.length,
    async press(key, options = {}) {
      const before = stdout.frames.length;
      stdin.write(KEYS[key] ?? key);
      return waitForFrame(before, options.timeoutMs ?? 500);
    },
    async type(text) {
      for (const char of text) await harness.press(char);
    },
    async resize(columns, rows) {
      const before = stdout.frames.length;
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
      await waitForFrame(before, 1000);
      // Ink redraws the old tree at the new width first; the app's own redraw follows. Wait until frames stop.
      for (let quiet = stdout.frames.length; ; quiet = stdout.frames.length) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (stdout.frames.length === quiet) break;
      }
    },
    async waitFor(predicate, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const frame = stripAnsi(last());
        if (predicate(frame)) return frame;
        if (Date.now() > deadline) throw new Error(`timed out waiting for the frame; last frame:\n${frame}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    unmount() {
      instance.unmount();
      instance.cleanup();
    },
    instance,
  };
  return harness;
}
