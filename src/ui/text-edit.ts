/** Editing a one-line text field from key presses (filter, typed decisions, export folder). */
import type { KeyPress } from './keymap.js';

export interface TextField {
  value: string;
  /** Cursor position, in characters. */
  cursor: number;
}

export function textField(value: string): TextField {
  return { value, cursor: [...value].length };
}

/** The field after a key; `undefined` when the key does not edit text (enter, escape, arrows up/down). */
export function editText(field: TextField, key: KeyPress): TextField | undefined {
  const chars = [...field.value];
  const at = Math.min(Math.max(field.cursor, 0), chars.length);
  if (key.ctrl) {
    if (key.char === 'u') return { value: chars.slice(at).join(''), cursor: 0 };
    if (key.char === 'a') return { value: field.value, cursor: 0 };
    if (key.char === 'e') return { value: field.value, cursor: chars.length };
    if (key.char === 'w') {
      let start = at;
      while (start > 0 && chars[start - 1] === ' ') start--;
      while (start > 0 && chars[start - 1] !== ' ') start--;
      return { value: [...chars.slice(0, start), ...chars.slice(at)].join(''), cursor: start };
    }
    return undefined;
  }
  switch (key.name) {
    case 'char':
    case 'space': {
      const text = key.name === 'space' ? ' ' : key.char;
      return { value: [...chars.slice(0, at), text, ...chars.slice(at)].join(''), cursor: at + [...text].length };
    }
    case 'backspace':
      if (at === 0) return field;
      return { value: [...chars.slice(0, at - 1), ...chars.slice(at)].join(''), cursor: at - 1 };
    case 'left':
      return { value: field.value, cursor: Math.max(0, at - 1) };
    case 'right':
      return { value: field.value, cursor: Math.min(chars.length, at + 1) };
    case 'home':
      return { value: field.value, cursor: 0 };
    case 'end':
      return { value: field.value, cursor: chars.length };
    default:
      return undefined;
  }
}
