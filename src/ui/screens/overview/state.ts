/** The overview: a scrolling page of estate facts; Enter opens the workload list. */
import type { Step } from '../../intent.js';
import type { Command } from '../../keymap.js';
import { isMovement, scrollBy } from '../../scroll.js';

export interface OverviewState {
  top: number;
}

export type OverviewAction = { type: 'command'; command: Command };

export interface OverviewContext {
  /** Lines the overview has at the current width. */
  lines: number;
  rows: number;
  /** The SPOF workload to show first, if any. */
  firstSpof: string | undefined;
}

export function initialOverviewState(): OverviewState {
  return { top: 0 };
}

export function overviewReducer(state: OverviewState, action: OverviewAction, ctx: OverviewContext): Step<OverviewState> | undefined {
  const { command } = action;
  if (isMovement(command)) return { state: { top: scrollBy(state.top, ctx.lines, ctx.rows, command) } };
  if (command === 'nav.open') return { state, intent: { type: 'open-workloads' } };
  if (command === 'list.nextSpof') return { state, intent: ctx.firstSpof ? { type: 'open-workloads', selectId: ctx.firstSpof } : { type: 'open-workloads' } };
  return undefined;
}
