/**
 * One workload: three panes (AWS today, the Kubernetes plan, the findings),
 * one focused at a time. In the plan pane a cursor picks a planned value and
 * the screen shows the AWS field it came from.
 */
import type { Step } from '../../intent.js';
import type { Command } from '../../keymap.js';
import { follow, isMovement, moveIndex, scrollBy } from '../../scroll.js';

export type DetailPane = 'aws' | 'plan' | 'findings';
export const DETAIL_PANES: readonly DetailPane[] = ['plan', 'findings', 'aws'];

export interface DetailState {
  pane: DetailPane;
  awsTop: number;
  planIndex: number;
  planTop: number;
  findingsTop: number;
}

export type DetailAction = { type: 'command'; command: Command };

export interface DetailContext {
  workloadId: string;
  awsLines: number;
  planRows: number;
  findingLines: number;
  /** Visible lines of the side-by-side panes and of the findings pane. */
  paneRows: number;
  findingRows: number;
}

export function initialDetailState(): DetailState {
  return { pane: 'plan', awsTop: 0, planIndex: 0, planTop: 0, findingsTop: 0 };
}

export function detailReducer(state: DetailState, action: DetailAction, ctx: DetailContext): Step<DetailState> | undefined {
  const { command } = action;
  if (isMovement(command)) {
    if (state.pane === 'aws') return { state: { ...state, awsTop: scrollBy(state.awsTop, ctx.awsLines, ctx.paneRows, command) } };
    if (state.pane === 'findings') return { state: { ...state, findingsTop: scrollBy(state.findingsTop, ctx.findingLines, ctx.findingRows, command) } };
    const planIndex = moveIndex(state.planIndex, ctx.planRows, command, ctx.paneRows);
    return { state: { ...state, planIndex, planTop: follow(state.planTop, planIndex, ctx.paneRows, ctx.planRows) } };
  }
  switch (command) {
    case 'detail.pane':
      return { state: { ...state, pane: DETAIL_PANES[(DETAIL_PANES.indexOf(state.pane) + 1) % DETAIL_PANES.length] ?? 'plan' } };
    case 'nav.open':
    case 'workload.decide':
      return { state, intent: { type: 'open-decisions', workloadId: ctx.workloadId } };
    case 'workload.preview':
      return { state, intent: { type: 'open-preview', workloadId: ctx.workloadId } };
    default:
      return undefined;
  }
}
