/** Cursor and scroll arithmetic shared by every list and scrolling pane. */
import type { Command } from './keymap.js';

/** The cursor after a movement command, kept inside `[0, count)`. */
export function moveIndex(index: number, count: number, command: Command, page: number): number {
  if (count <= 0) return 0;
  const last = count - 1;
  const at = Math.min(Math.max(index, 0), last);
  switch (command) {
    case 'nav.up':
      return Math.max(0, at - 1);
    case 'nav.down':
      return Math.min(last, at + 1);
    case 'nav.pageUp':
      return Math.max(0, at - Math.max(1, page));
    case 'nav.pageDown':
      return Math.min(last, at + Math.max(1, page));
    case 'nav.top':
      return 0;
    case 'nav.bottom':
      return last;
    default:
      return at;
  }
}

/** The first visible row after moving the cursor: it scrolls only as far as needed to keep the cursor in view. */
export function follow(top: number, index: number, rows: number, count: number): number {
  let next = top;
  if (index < next) next = index;
  if (index >= next + rows) next = index - rows + 1;
  return clampTop(next, count, rows);
}

/** A first visible row that leaves no empty space below the last row. */
export function clampTop(top: number, count: number, rows: number): number {
  return Math.max(0, Math.min(top, count - rows));
}

/** Scrolls a text pane (no cursor) by a movement command. */
export function scrollBy(top: number, count: number, rows: number, command: Command): number {
  const max = Math.max(0, count - rows);
  switch (command) {
    case 'nav.up':
      return Math.max(0, top - 1);
    case 'nav.down':
      return Math.min(max, top + 1);
    case 'nav.pageUp':
      return Math.max(0, top - rows);
    case 'nav.pageDown':
      return Math.min(max, top + rows);
    case 'nav.top':
      return 0;
    case 'nav.bottom':
      return max;
    default:
      return Math.min(Math.max(0, top), max);
  }
}

/** True for the commands that move a cursor or scroll. */
export function isMovement(command: Command): boolean {
  return command.startsWith('nav.') && command !== 'nav.open';
}
