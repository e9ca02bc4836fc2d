/**
 * Text built line by line and handed out in pieces, so that a large report is
 * written as it is rendered and never exists as one string (nor as one array
 * of every line). The text is each line followed by a newline.
 */

/** About how long a piece is, in characters (see PIECE_LENGTH in report-json.ts). */
const PIECE_LENGTH = 32 * 1024;

export class TextPieces {
  #lines: string[] = [];
  #length = 0;
  /** Empty lines held back from the end: the last ones may be dropped (see `end`). */
  #blanks = 0;

  /** Adds lines; a line may itself hold newlines. */
  push(...lines: string[]): void {
    for (const line of lines) {
      if (line === '') {
        this.#blanks++;
        continue;
      }
      for (; this.#blanks > 0; this.#blanks--) this.#lines.push('');
      this.#lines.push(line);
      this.#length += line.length + 1;
    }
  }

  /** The lines gathered so far as a piece once there are enough of them; undefined until then. */
  take(): string | undefined {
    return this.#length >= PIECE_LENGTH ? this.#flush() : undefined;
  }

  /** The last piece; `dropTrailingBlanks` leaves out the empty lines at the very end. */
  end(options: { dropTrailingBlanks?: boolean } = {}): string {
    if (!options.dropTrailingBlanks) for (; this.#blanks > 0; this.#blanks--) this.#lines.push('');
    this.#blanks = 0;
    return this.#flush();
  }

  #flush(): string {
    const piece = this.#lines.length === 0 ? '' : `${this.#lines.join('\n')}\n`;
    this.#lines = [];
    this.#length = 0;
    return piece;
  }
}

/**
 * JSON.stringify(value, null, 2) in pieces: objects and arrays above `wholeAtDepth`
 * are walked here, everything at that depth is stringified whole, and the
 * pieces are gathered to about PIECE_LENGTH. JSON.stringify puts no raw
 * newline inside a string, so re-indenting a value's lines is safe.
 */
export function* jsonPieces(value: unknown, wholeAtDepth: number): Generator<string> {
  let buffer = '';
  for (const text of walk(value, 0, wholeAtDepth)) {
    buffer += text;
    if (buffer.length >= PIECE_LENGTH) {
      yield buffer;
      buffer = '';
    }
  }
  yield `${buffer}\n`;
}

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => typeof value === 'object' && value !== null && !('toJSON' in value && typeof value.toJSON === 'function');

function* walk(value: unknown, depth: number, wholeAtDepth: number): Generator<string> {
  const pad = '  '.repeat(depth);
  if (depth >= wholeAtDepth || !isContainer(value)) {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    yield depth === 0 ? text : text.replaceAll('\n', `\n${pad}`);
    return;
  }
  const inner = `${pad}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? inner : `,\n${inner}`;
      // As JSON.stringify writes them: undefined, functions and symbols in a list become null.
      const item = value[i] === undefined || typeof value[i] === 'function' || typeof value[i] === 'symbol' ? null : value[i];
      yield* walk(item, depth + 1, wholeAtDepth);
    }
    yield `\n${pad}]`;
    return;
  }
  // As JSON.stringify writes them: fields whose value is undefined, a function or a symbol are left out.
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, item] = entries[i]!;
    yield `${i === 0 ? '' : ',\n'}${inner}${JSON.stringify(key)}: `;
    yield* walk(item, depth + 1, wholeAtDepth);
  }
  yield `\n${pad}}`;
}

/** The piece `pieces` has ready, if any: `yield* ready(out)` in a renderer's loop. */
export function* ready(pieces: TextPieces): Generator<string> {
  const piece = pieces.take();
  if (piece) yield piece;
}
