import { describe, expect, it } from 'vitest';
import { jsonPieces, ready, TextPieces } from '../../src/export/text-pieces.js';

describe('TextPieces', () => {
  it('gives each line followed by a newline, in pieces of about 32k characters', () => {
    const out = new TextPieces();
    const pieces: string[] = [];
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const line = i % 7 === 0 ? '' : `line ${i} ${'·'.repeat(i % 50)}`;
      lines.push(line);
      out.push(line);
      pieces.push(...ready(out));
    }
    pieces.push(out.end());
    expect(pieces.join('')).toBe(`${lines.join('\n')}\n`);
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeLessThan(40 * 1024);
  });

  it('drops the empty lines at the very end when asked, wherever the pieces were cut', () => {
    const out = new TextPieces();
    out.push('# title', '', 'text', '', '');
    const first = out.end({ dropTrailingBlanks: true });
    expect(first).toBe('# title\n\ntext\n');
    const kept = new TextPieces();
    kept.push('a', '', '');
    expect(kept.end()).toBe('a\n\n\n');
  });
});

describe('jsonPieces', () => {
  const values: unknown[] = [
    0,
    'text\nwith "quotes" and \\ backslashes ’ 𝄞',
    null,
    [],
    {},
    [[], {}, [[]], [{}], [undefined, () => 1, Symbol('s'), null]],
    { a: undefined, b: () => 1, c: Symbol('c'), d: new Date(0), e: { f: [1, { g: [2, [3, { h: 'i\nj' }]] }] }, '"k"': { '': [] } },
    { runs: [{ results: Array.from({ length: 2000 }, (_, i) => ({ id: i, message: { text: `m${i}\n` }, nested: [{ deep: [i] }] })), empty: [] }] },
  ];

  it('gives, joined, JSON.stringify(value, null, 2) and a newline, at every depth where values are whole', () => {
    for (const value of values) {
      for (const depth of [0, 1, 2, 3, 4, 5, 9]) {
        expect([...jsonPieces(value, depth)].join(''), `${JSON.stringify(value)?.slice(0, 40)} at ${depth}`).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }
    }
  });

  it('hands a long list out in several pieces', () => {
    const pieces = [...jsonPieces(values.at(-1), 4)];
    expect(pieces.length).toBeGreaterThan(3);
  });
});
