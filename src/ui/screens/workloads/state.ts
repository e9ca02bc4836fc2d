/**
 * The workload list: a filter, a sort and a selection. The selection is kept
 * by workload id, so sorting or filtering never loses the row you were on.
 */
import type { SortKey } from '../../derive.js';
import { SORT_KEYS } from '../../derive.js';
import type { Step } from '../../intent.js';
import { isCommand, type Command, type KeyPress } from '../../keymap.js';
import { follow, isMovement, moveIndex } from '../../scroll.js';
import { editText, textField, type TextField } from '../../text-edit.js';

export interface WorkloadsState {
  filter: TextField;
  /** True while the filter line takes the keys. */
  filtering: boolean;
  sort: SortKey;
  selectedId: string | undefined;
  /** Index of the first visible row. */
  top: number;
  /** A one-line note for the last action ("no SPOF in this list"). */
  notice: string | undefined;
}

export type WorkloadsAction = { type: 'command'; command: Command } | { type: 'type'; key: KeyPress } | { type: 'select'; id: string };

/** What the list reducer needs to know about the rows. */
export interface WorkloadsContext {
  visible(query: string, sort: SortKey): readonly string[];
  indexIn(list: readonly string[], id: string | undefined): number;
  isSpof(id: string): boolean;
  /** Rows on screen (a page). */
  rows: number;
}

export function initialWorkloadsState(): WorkloadsState {
  return { filter: textField(''), filtering: false, sort: 'risk', selectedId: undefined, top: 0, notice: undefined };
}

/** The selected row's index in the visible list (0 when the selection is filtered out). */
export function selectedIndex(state: WorkloadsState, ctx: WorkloadsContext): number {
  const list = ctx.visible(state.filter.value, state.sort);
  return Math.max(0, ctx.indexIn(list, state.selectedId));
}

function select(state: WorkloadsState, ctx: WorkloadsContext, index: number, notice?: string): WorkloadsState {
  const list = ctx.visible(state.filter.value, state.sort);
  const at = Math.min(Math.max(index, 0), Math.max(0, list.length - 1));
  return { ...state, selectedId: list[at], top: follow(state.top, at, ctx.rows, list.length), notice };
}

function jumpToSpof(state: WorkloadsState, ctx: WorkloadsContext, direction: 1 | -1): WorkloadsState {
  const list = ctx.visible(state.filter.value, state.sort);
  const from = selectedIndex(state, ctx);
  for (let step = 1; step <= list.length; step++) {
    const at = (from + direction * step + list.length * step) % list.length;
    const id = list[at];
    if (id !== undefined && ctx.isSpof(id)) return select(state, ctx, at, at === from ? 'this is the only single point of failure in the list' : undefined);
  }
  return { ...state, notice: 'no single point of failure in this list' };
}

export function workloadsReducer(state: WorkloadsState, action: WorkloadsAction, ctx: WorkloadsContext): Step<WorkloadsState> | undefined {
  if (action.type === 'select') {
    const list = ctx.visible(state.filter.value, state.sort);
    const index = ctx.indexIn(list, action.id);
    // A workload hidden by the filter is shown by clearing the filter.
    if (index < 0) return { state: select({ ...state, filter: textField('') }, ctx, ctx.indexIn(ctx.visible('', state.sort), action.id)) };
    return { state: select(state, ctx, index) };
  }
  if (action.type === 'type') {
    const key = action.key;
    if (isCommand(key, 'edit.accept')) return { state: { ...state, filtering: false, notice: undefined } };
    if (isCommand(key, 'edit.cancel')) return { state: select({ ...state, filter: textField(''), filtering: false, top: 0 }, ctx, 0) };
    if (key.name === 'up' || key.name === 'down' || key.name === 'pageup' || key.name === 'pagedown') {
      const command: Command = key.name === 'up' ? 'nav.up' : key.name === 'down' ? 'nav.down' : key.name === 'pageup' ? 'nav.pageUp' : 'nav.pageDown';
      return { state: select(state, ctx, moveIndex(selectedIndex(state, ctx), ctx.visible(state.filter.value, state.sort).length, command, ctx.rows)) };
    }
    const filter = editText(state.filter, key);
    if (!filter || filter.value === state.filter.value) return { state: filter ? { ...state, filter } : state };
    // A new filter starts at its first match.
    return { state: select({ ...state, filter, top: 0 }, ctx, 0) };
  }
  const { command } = action;
  const list = ctx.visible(state.filter.value, state.sort);
  const id = list[selectedIndex(state, ctx)];
  if (isMovement(command)) return { state: select(state, ctx, moveIndex(selectedIndex(state, ctx), list.length, command, ctx.rows)) };
  switch (command) {
    case 'nav.open':
      return id === undefined ? { state } : { state, intent: { type: 'open-detail', workloadId: id } };
    case 'workload.decide':
      return id === undefined ? { state } : { state, intent: { type: 'open-decisions', workloadId: id } };
    case 'workload.preview':
      return id === undefined ? { state } : { state, intent: { type: 'open-preview', workloadId: id } };
    case 'list.filter':
      return { state: { ...state, filtering: true, notice: undefined } };
    case 'list.sort': {
      const sort = SORT_KEYS[(SORT_KEYS.indexOf(state.sort) + 1) % SORT_KEYS.length] ?? 'risk';
      const next = { ...state, sort, selectedId: id, notice: undefined };
      return { state: select(next, ctx, ctx.indexIn(ctx.visible(state.filter.value, sort), id)) };
    }
    case 'list.nextSpof':
      return { state: jumpToSpof(state, ctx, 1) };
    case 'list.prevSpof':
      return { state: jumpToSpof(state, ctx, -1) };
    case 'app.back':
      // The first Esc clears a filter; the next goes back.
      if (state.filter.value !== '') return { state: select({ ...state, filter: textField(''), top: 0 }, ctx, ctx.indexIn(ctx.visible('', state.sort), id)) };
      return undefined;
    default:
      return undefined;
  }
}
