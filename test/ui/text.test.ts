import { describe, expect, it } from 'vitest';
import { count, fit, textWidth, truncate, wrap } from '../../src/ui/text.js';
import { textField, editText } from '../../src/ui/text-edit.js';
import { keyFrom } from '../../src/ui/keymap.js';

describe('text', () => {
  it('measures wide characters as two cells and marks as none', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('日本')).toBe(4);
    expect(textWidth('e\u0301')).toBe(1);
  });

  it('cuts and pads to an exact width', () => {
    expect(truncate('checkout-api', 8)).toBe('checkou…');
    expect(fit('web', 6)).toBe('web   ');
    expect(fit('45%', 5, 'right')).toBe('  45%');
    expect(textWidth(fit('日本語のサービス', 7))).toBeLessThanOrEqual(7);
    expect(truncate('x', 0)).toBe('');
  });

  it('wraps at spaces and cuts words longer than a line', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    for (const line of wrap('arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/checkout/1 is the group', 20)) expect(textWidth(line)).toBeLessThanOrEqual(20);
  });

  it('groups thousands without a locale', () => {
    expect(count(10000)).toBe('10,000');
    expect(count(999)).toBe('999');
  });
});

describe('text fields', () => {
  it('inserts at the cursor, deletes before it, and clears with ctrl-u', () => {
    let field = textField('repl');
    field = editText(field, keyFrom('left'))!;
    field = editText(field, keyFrom('x'))!;
    expect(field).toEqual({ value: 'repxl', cursor: 4 });
    field = editText(field, keyFrom('backspace'))!;
    expect(field.value).toBe('repl');
    field = editText(field, keyFrom('end'))!;
    field = editText(field, keyFrom('ctrl+w'))!;
    expect(field.value).toBe('');
    expect(editText(textField('a b'), keyFrom('ctrl+u'))?.value).toBe('');
    expect(editText(textField('a'), keyFrom('return'))).toBeUndefined();
  });
});
