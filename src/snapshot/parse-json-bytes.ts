/**
 * JSON.parse for large files, without first decoding the whole file into one
 * string. A snapshot is one object holding a few lists of many small
 * resources: the structure near the top is walked here, and each value below it
 * (each resource) is decoded and given to JSON.parse on its own. The text of the
 * whole file never exists, and a file is read a block at a time into one
 * reused buffer, so reading costs neither a file-sized string nor a file-sized
 * Buffer. Where each value below ends is found by scanning its bytes, or, in a
 * file written one resource per line (kubelift's large snapshots), by the next
 * line break.
 *
 * The result is what JSON.parse of the decoded text gives: the same values, the
 * same key order, a repeated key's last value, `__proto__` as an own key.
 * Whatever is not plain valid JSON gives undefined (JSON.parse never returns
 * it): the caller then reads the file the plain way, which also says where and
 * why it fails.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { isAscii } from 'node:buffer';

/** Values this deep are given to JSON.parse whole: in a snapshot, each resource (`$.resources[type][i]`). */
const WHOLE_AT_DEPTH = 3;

/** A file is read this many bytes at a time (more when one value is larger). */
const BLOCK_SIZE = 4 * 2 ** 20;

/** After this many values whose line looked like their end but was not, line ends are no longer tried. */
const LINE_END_MISSES = 4;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** What `byteAt` gives past the last byte. */
const END = -1;
/** What a try that did not read a value gives (JSON.parse never returns it). */
const NOT_READ = Symbol('not read');

const isSpace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
const isSpaceInLine = (byte: number): boolean => byte === 0x20 || byte === CARRIAGE_RETURN || byte === 0x09;

/** Reads up to `length` bytes of a source, from `position`, into `buffer` at `offset`; 0 at the source's end. */
type ReadBytes = (buffer: Buffer, offset: number, length: number, position: number) => number;

/** Thrown inside the walk when the bytes are not JSON; never leaves this module. */
class NotJson extends Error {}

/** Parses JSON from bytes in memory (UTF-8); undefined when they are not valid JSON. */
export function parseJsonBytes(bytes: Buffer): unknown {
  return parseBlocks(bytes);
}

/**
 * Parses a JSON file read a block at a time; undefined when the file is not
 * plain valid JSON (gzipped, say), or cannot be read. It reads synchronously:
 * the parse holds the thread anyway, as JSON.parse does.
 */
export function parseJsonFile(path: string, blockSize = BLOCK_SIZE): unknown {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const file = fd;
    return parseBlocks(Buffer.alloc(0), (buffer, offset, length, position) => readSync(file, buffer, offset, length, position), blockSize);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The walk. Offsets are positions in the source; `window` holds its bytes from
 * `base` on and, when the walk reaches its end, is refilled by `read`, keeping
 * what the value being read still needs. Without `read`, `first` is all there is.
 */
function parseBlocks(first: Buffer, read?: ReadBytes, blockSize = BLOCK_SIZE): unknown {
  let window = first;
  let base = 0;
  let filled = first.length;
  let ended = read === undefined;
  // Bytes below 0x80 are the same characters in latin1 and UTF-8, and latin1 decodes fastest.
  let ascii = isAscii(window);
  /** Where the value (or key) being read starts: bytes from there on are kept when the window moves. */
  let keep = 0;
  let i = 0;

  const fail = (): never => {
    throw new NotJson();
  };
  /** Makes the byte at `position` part of the window; false when the source ends before it. */
  const reach = (position: number): boolean => {
    while (position >= base + filled) {
      if (ended || !read) return false;
      if (keep > base) {
        window.copy(window, 0, keep - base, filled);
        filled -= keep - base;
        base = keep;
      }
      if (filled === window.length) {
        const larger = Buffer.allocUnsafe(Math.max(blockSize, 2 * window.length));
        window.copy(larger, 0, 0, filled);
        window = larger;
      }
      const count = read(window, filled, window.length - filled, base + filled);
      if (count === 0) ended = true;
      filled += count;
      ascii = isAscii(window.subarray(0, filled));
    }
    return true;
  };
  const byteAt = (position: number): number => (position < base + filled || reach(position) ? window[position - base]! : END);
  const decode = (start: number, end: number): string => window.toString(ascii ? 'latin1' : 'utf8', start - base, end - base);

  const skipSpace = (): void => {
    while (isSpace(byteAt(i))) i++;
  };
  /**
   * The offset just past the string whose opening quote is at `start` (a key or
   * a string above the resources): each next quote is found by Buffer#indexOf,
   * and it ends the string unless an odd run of backslashes escapes it.
   */
  const stringEnd = (start: number): number => {
    for (let j = start + 1; ; ) {
      // The window past `filled` holds stale bytes: a quote found there is no quote.
      const found = j < base + filled ? window.indexOf(QUOTE, j - base) : -1;
      if (found < 0 || found >= filled) {
        if (!reach(base + filled)) fail();
        continue;
      }
      let backslashes = 0;
      while (found - backslashes - 1 > start - base && window[found - backslashes - 1] === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return base + found + 1;
      j = base + found + 1;
    }
  };
  /** The offset just past the value that starts at `start`; JSON.parse checks what is inside. */
  const valueEnd = (start: number): number => {
    const first = byteAt(start);
    if (first === QUOTE) return stringEnd(start);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      // A number or a literal: it runs to the next comma, bracket or space.
      let j = start;
      for (let byte = first; byte !== END && byte !== COMMA && byte !== CLOSE_BRACE && byte !== CLOSE_BRACKET && !isSpace(byte); byte = byteAt(j)) j++;
      return j;
    }
    // One pass over the bytes, strings included: most strings inside a resource are short, and
    // a loop over them costs less than a native search started for each (a third of the scan).
    let depth = 0;
    let inString = false;
    let escaped = false;
    for (let j = start; ; ) {
      if (j >= base + filled && !reach(j)) fail();
      const bytes = window;
      const offset = base;
      const end = filled;
      let k = j - offset;
      for (; k < end; k++) {
        const byte = bytes[k]!;
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) inString = false;
        } else if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
        else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return offset + k + 1;
      }
      j = offset + k;
    }
  };
  // Where the last line break search ended: the break it found, or the window's end when there was none.
  let lineBreak = -1;
  let noLineBreakBelow = 0;
  /** The first line break at or after `from` in the window, or -1; each byte is searched once, as `from` only grows. */
  const nextLineBreak = (from: number): number => {
    if (lineBreak >= from) return lineBreak;
    if (from < noLineBreakBelow) return -1;
    const found = window.indexOf(NEWLINE, from - base);
    if (found < 0 || found >= filled) {
      noLineBreakBelow = base + filled;
      return -1;
    }
    return (lineBreak = base + found);
  };
  let lineEndMisses = 0;
  /**
   * Where the object that starts at `start` may end, from its line alone: just
   * past the `}` that ends the line (before a comma), or -1. Large snapshots
   * are written one resource per line (a JSON string holds no raw line break,
   * so the line is where such a resource ends). The text from `start` to that
   * `}` is taken only when JSON.parse accepts it: an object's text that parses
   * whole ends at its own closing brace. Only an object that starts a line is tried (so each line
   * at most once), and a compact one-line file or an indented one costs a
   * look at one byte per value.
   */
  const lineEnd = (start: number): number => {
    if (lineEndMisses >= LINE_END_MISSES || start === base || window[start - base - 1] !== NEWLINE) return -1;
    const lineBreakAt = nextLineBreak(start);
    if (lineBreakAt < 0) return -1;
    let j = lineBreakAt - 1 - base;
    const first = start - base;
    while (j > first && isSpaceInLine(window[j]!)) j--;
    if (window[j] === COMMA) j--;
    while (j > first && isSpaceInLine(window[j]!)) j--;
    if (j <= first || window[j] !== CLOSE_BRACE) return -1;
    return base + j + 1;
  };
  /** The object that starts at `start`, read to its line's end; NOT_READ when its line does not end it. */
  const byLine = (start: number): unknown => {
    const end = lineEnd(start);
    if (end < 0) return NOT_READ;
    try {
      const result: unknown = JSON.parse(decode(start, end));
      i = end;
      return result;
    } catch {
      // Not the whole value, or not JSON: the caller scans for its end, and JSON.parse says which.
      lineEndMisses++;
      return NOT_READ;
    }
  };
  const whole = (): unknown => {
    const start = i;
    if (byteAt(start) === OPEN_BRACE) {
      const result = byLine(start);
      if (result !== NOT_READ) return result;
    }
    i = valueEnd(start);
    return JSON.parse(decode(start, i));
  };
  /**
   * Walks the members of the object or list whose opening bracket is at `i`:
   * `each` reads one member, a comma goes on to the next, `close` ends them.
   */
  const members = (close: number, each: () => void): void => {
    i++;
    skipSpace();
    if (byteAt(i) === close) {
      i++;
      return;
    }
    for (;;) {
      each();
      skipSpace();
      if (byteAt(i) === COMMA) {
        i++;
        continue;
      }
      if (byteAt(i) !== close) fail();
      i++;
      return;
    }
  };
  const object = (depth: number): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    members(CLOSE_BRACE, () => {
      skipSpace();
      if (byteAt(i) !== QUOTE) fail();
      const start = i;
      keep = start;
      i = stringEnd(start);
      const key = JSON.parse(decode(start, i)) as string;
      skipSpace();
      if (byteAt(i) !== COLON) fail();
      i++;
      // Defined, not assigned, as JSON.parse does: a "__proto__" key becomes an own property.
      Object.defineProperty(result, key, { value: value(depth + 1), writable: true, enumerable: true, configurable: true });
    });
    return result;
  };
  const array = (depth: number): unknown[] => {
    const result: unknown[] = [];
    members(CLOSE_BRACKET, () => result.push(value(depth + 1)));
    return result;
  };
  const value = (depth: number): unknown => {
    skipSpace();
    keep = i;
    const first = byteAt(i);
    if (first === END) fail();
    if (depth < WHOLE_AT_DEPTH && first === OPEN_BRACE) return object(depth);
    if (depth < WHOLE_AT_DEPTH && first === OPEN_BRACKET) return array(depth);
    return whole();
  };

  try {
    const result = value(0);
    skipSpace();
    return byteAt(i) === END ? result : undefined;
  } catch {
    // Not JSON (NotJson, or JSON.parse's SyntaxError), a read that failed, or a value
    // too long for one string: the plain way of reading gives the answer or the error.
    return undefined;
  }
}
