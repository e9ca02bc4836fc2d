/**
 * Measuring, cutting and wrapping text for fixed-width terminal cells. Views
 * lay out columns themselves (one string per row), which keeps a 10,000-row
 * list cheap: one Text node per visible row.
 */

// East Asian wide and fullwidth ranges, and emoji: each takes two cells.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
// Combining marks, zero-width characters and variation selectors take no cell.
const ZERO: readonly [number, number][] = [
  [0x300, 0x36f],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
];

function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code < 0x300) return 1;
  if (ZERO.some(([from, to]) => code >= from && code <= to)) return 0;
  return WIDE.test(char) ? 2 : 1;
}

/** Cells a string takes in a terminal. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** Cuts text to at most `width` cells, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/** Cuts or pads text to exactly `width` cells. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - textWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}

/** Wraps text at spaces to lines of at most `width` cells; words longer than a line are cut hard. Linear in the text. */
export function wrap(text: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      let restWidth = textWidth(rest);
      while (restWidth > width) {
        if (line) {
          lines.push(line);
          line = '';
          used = 0;
        }
        let head = '';
        let headWidth = 0;
        for (const char of rest) {
          const w = charWidth(char);
          if (headWidth + w > width) break;
          head += char;
          headWidth += w;
        }
        lines.push(head);
        rest = rest.slice(head.length);
        restWidth -= headWidth;
      }
      if (!rest) continue;
      if (!line) {
        line = rest;
        used = restWidth;
      } else if (used + 1 + restWidth <= width) {
        line += ` ${rest}`;
        used += 1 + restWidth;
      } else {
        lines.push(line);
        line = rest;
        used = restWidth;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Thousands separators, the same on every machine (no locale). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A compact one-line rendering of a planned value. */
export function inlineValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value);
}
