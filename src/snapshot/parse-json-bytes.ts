/**
 * JSON.parse for a large file's bytes, without first decoding the whole file
 * into one string. A snapshot is one object holding a few lists of many small
 * resources: the structure near the top is walked here, and each value below it
 * (each resource) is decoded and given to JSON.parse on its own. The text of the
 * whole file never exists, which spares a copy of the file in time and memory.
 *
 * The result is what JSON.parse of the decoded text gives: the same values, the
 * same key order, a repeated key's last value, `__proto__` as an own key. Bytes
 * that are not valid JSON give undefined (JSON.parse never returns it): the
 * caller then parses the text, which also finds where the error is.
 */
import { isAscii } from 'node:buffer';

/** Values this deep are given to JSON.parse whole: in a snapshot, each resource (`$.resources[type][i]`). */
const WHOLE_AT_DEPTH = 3;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const isSpace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** Thrown inside the walk when the bytes are not JSON; never leaves this module. */
class NotJson extends Error {}

/** Parses JSON from its bytes (UTF-8); undefined when they are not valid JSON. */
export function parseJsonBytes(bytes: Buffer): unknown {
  const n = bytes.length;
  // Bytes below 0x80 are the same characters in latin1 and UTF-8, and latin1 decodes fastest.
  const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
  let i = 0;

  const fail = (): never => {
    throw new NotJson();
  };
  const skipSpace = (): void => {
    while (i < n && isSpace(bytes[i]!)) i++;
  };
  /** The offset just past the string whose opening quote is at `start`. */
  const stringEnd = (start: number): number => {
    for (let j = start + 1; j < n; ) {
      const byte = bytes[j]!;
      if (byte === QUOTE) return j + 1;
      j += byte === BACKSLASH ? 2 : 1;
    }
    return fail();
  };
  /** The offset just past the value that starts at `start`; JSON.parse checks what is inside. */
  const valueEnd = (start: number): number => {
    const first = bytes[start];
    if (first === QUOTE) return stringEnd(start);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      // A number or a literal: it runs to the next comma, bracket or space.
      let j = start;
      while (j < n && bytes[j] !== COMMA && bytes[j] !== CLOSE_BRACE && bytes[j] !== CLOSE_BRACKET && !isSpace(bytes[j]!)) j++;
      return j;
    }
    let depth = 0;
    for (let j = start; j < n; ) {
      const byte = bytes[j]!;
      if (byte === QUOTE) {
        j = stringEnd(j);
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return j + 1;
      j++;
    }
    return fail();
  };
  const whole = (): unknown => {
    const start = i;
    i = valueEnd(start);
    return JSON.parse(bytes.toString(encoding, start, i));
  };
  const object = (depth: number): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    i++;
    skipSpace();
    if (bytes[i] === CLOSE_BRACE) {
      i++;
      return result;
    }
    for (;;) {
      skipSpace();
      if (bytes[i] !== QUOTE) fail();
      const start = i;
      i = stringEnd(start);
      const key = JSON.parse(bytes.toString(encoding, start, i)) as string;
      skipSpace();
      if (bytes[i] !== COLON) fail();
      i++;
      // Defined, not assigned, as JSON.parse does: a "__proto__" key becomes an own property.
      Object.defineProperty(result, key, { value: value(depth + 1), writable: true, enumerable: true, configurable: true });
      skipSpace();
      if (bytes[i] === COMMA) {
        i++;
        continue;
      }
      if (bytes[i] !== CLOSE_BRACE) fail();
      i++;
      return result;
    }
  };
  const array = (depth: number): unknown[] => {
    const result: unknown[] = [];
    i++;
    skipSpace();
    if (bytes[i] === CLOSE_BRACKET) {
      i++;
      return result;
    }
    for (;;) {
      result.push(value(depth + 1));
      skipSpace();
      if (bytes[i] === COMMA) {
        i++;
        continue;
      }
      if (bytes[i] !== CLOSE_BRACKET) fail();
      i++;
      return result;
    }
  };
  const value = (depth: number): unknown => {
    skipSpace();
    if (i >= n) fail();
    if (depth < WHOLE_AT_DEPTH && bytes[i] === OPEN_BRACE) return object(depth);
    if (depth < WHOLE_AT_DEPTH && bytes[i] === OPEN_BRACKET) return array(depth);
    return whole();
  };

  try {
    const result = value(0);
    skipSpace();
    return i === n ? result : undefined;
  } catch {
    // Not JSON (NotJson, or JSON.parse's SyntaxError), or a value too long for one string:
    // the caller's plain parse of the text gives the answer or the error.
    return undefined;
  }
}
