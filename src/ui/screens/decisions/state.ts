/**
 * Deciding one workload: a cursor over the fields; enter toggles, cycles or
 * starts typing; a typed value is checked on enter and, when refused, the
 * reason is shown in place while the text stays for correcting.
 */
import type { Step } from '../../intent.js';
import { isCommand, type Command, type KeyPress } from '../../keymap.js';
import { isMovement, moveIndex } from '../../scroll.js';
import { editText, textField, type TextField } from '../../text-edit.js';
import { applyText, FIELDS, fieldViews, resetField, startText, toggleField, type FieldContext, type FieldId } from './fields.js';

export interface DecisionsState {
  cursor: number;
  editing: { field: FieldId; text: TextField; error: string | undefined } | undefined;
  /** The reason the last change was refused, shown under the field (outside typing). */
  notice: string | undefined;
}

export type DecisionsAction = { type: 'command'; command: Command } | { type: 'type'; key: KeyPress };

export interface DecisionsContext {
  workloadId: string;
  /** The plans and the decision; undefined when the workload could not be planned. */
  fields: FieldContext | undefined;
}

export function initialDecisionsState(): DecisionsState {
  return { cursor: 0, editing: undefined, notice: undefined };
}

export function decisionsReducer(state: DecisionsState, action: DecisionsAction, ctx: DecisionsContext): Step<DecisionsState> | undefined {
  const fields = ctx.fields;
  if (action.type === 'type') {
    const editing = state.editing;
    if (!editing || !fields) return { state: { ...state, editing: undefined } };
    if (isCommand(action.key, 'edit.cancel')) return { state: { ...state, editing: undefined, notice: undefined } };
    if (isCommand(action.key, 'edit.accept')) {
      const result = applyText(fields, editing.field, editing.text.value);
      if ('error' in result) return { state: { ...state, editing: { ...editing, error: result.error } } };
      return { state: { ...state, editing: undefined, notice: undefined }, intent: { type: 'decide', workloadId: ctx.workloadId, decision: result.decision } };
    }
    const text = editText(editing.text, action.key);
    // Typing again clears the refusal: the person is correcting it.
    return text ? { state: { ...state, editing: { ...editing, text, error: text.value === editing.text.value ? editing.error : undefined } } } : { state };
  }
  const { command } = action;
  if (isMovement(command)) return { state: { ...state, cursor: moveIndex(state.cursor, FIELDS.length, command, FIELDS.length), notice: undefined } };
  const field = FIELDS[state.cursor] ?? 'include';
  switch (command) {
    case 'decision.change': {
      if (!fields) return { state: { ...state, notice: 'This workload has no plan, so there is nothing to decide.' } };
      const view = fieldViews(fields).find((f) => f.id === field);
      if (view?.inactive) return { state: { ...state, notice: view.inactive } };
      if (view?.input === 'text') return { state: { ...state, notice: undefined, editing: { field, text: textField(startText(fields, field)), error: undefined } } };
      const result = toggleField(fields, field);
      if ('error' in result) return { state: { ...state, notice: result.error } };
      return { state: { ...state, notice: undefined }, intent: { type: 'decide', workloadId: ctx.workloadId, decision: result.decision } };
    }
    case 'decision.reset':
      if (!fields) return { state };
      return { state: { ...state, notice: undefined }, intent: { type: 'decide', workloadId: ctx.workloadId, decision: resetField(fields, field) } };
    case 'workload.preview':
      return { state, intent: { type: 'open-preview', workloadId: ctx.workloadId } };
    default:
      return undefined;
  }
}
