/** The values.yaml preview: a scrolling text with jumps between the lines decisions changed. */
import type { Step } from '../../intent.js';
import type { Command } from '../../keymap.js';
import { isMovement, scrollBy } from '../../scroll.js';

export interface PreviewState {
  top: number;
  /** Which change the last jump went to (index into the changes), -1 before the first jump. */
  change: number;
  notice: string | undefined;
}

export type PreviewAction = { type: 'command'; command: Command };

export interface PreviewContext {
  lines: number;
  rows: number;
  /** Line indexes that differ from kubelift's default, ascending. */
  changes: readonly number[];
}

export function initialPreviewState(): PreviewState {
  return { top: 0, change: -1, notice: undefined };
}

/** Scrolls so a line sits a third of the way down the page, where the eye expects it. */
function reveal(line: number, ctx: PreviewContext): number {
  return scrollBy(line - Math.floor(ctx.rows / 3), ctx.lines, ctx.rows, 'nav.open');
}

export function previewReducer(state: PreviewState, action: PreviewAction, ctx: PreviewContext): Step<PreviewState> | undefined {
  const { command } = action;
  if (isMovement(command)) return { state: { ...state, top: scrollBy(state.top, ctx.lines, ctx.rows, command), notice: undefined } };
  if (command === 'preview.nextChange' || command === 'preview.prevChange') {
    const total = ctx.changes.length;
    if (total === 0) return { state: { ...state, notice: 'no decision changes these values' } };
    const next = command === 'preview.nextChange';
    // Before the first jump, "next" starts at the first change and "previous" at the last.
    const from = state.change < 0 || state.change >= total ? (next ? -1 : total) : state.change;
    const change = next ? (from + 1) % total : (from - 1 + total) % total;
    return { state: { top: reveal(ctx.changes[change] ?? 0, ctx), change, notice: `change ${change + 1} of ${total}` } };
  }
  return undefined;
}
