import { describe, expect, it } from 'vitest';
import { COMMANDS, CONTEXTS, commandFor, commandsOf, footerLine, helpSections, hintsOf, keyFrom, keyId, toKeyPresses, type Command, type KeyContext } from '../../src/ui/keymap.js';

const noKey = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false, return: false, escape: false, tab: false, backspace: false, delete: false, ctrl: false };

describe('keymap', () => {
  it('names keys the way the tables spell them', () => {
    expect(keyId(keyFrom('k'))).toBe('k');
    expect(keyId(keyFrom('G'))).toBe('G');
    expect(keyId(keyFrom('up'))).toBe('up');
    expect(keyId(keyFrom('ctrl+c'))).toBe('ctrl+c');
    expect(keyId(keyFrom('space'))).toBe('space');
  });

  it('finds the command of a key only among the commands of the context', () => {
    expect(commandFor(keyFrom('j'), commandsOf('workloads'))).toBe('nav.down');
    expect(commandFor(keyFrom('down'), commandsOf('workloads'))).toBe('nav.down');
    expect(commandFor(keyFrom('n'), commandsOf('workloads'))).toBe('list.nextSpof');
    expect(commandFor(keyFrom('n'), commandsOf('preview'))).toBe('preview.nextChange');
    expect(commandFor(keyFrom('n'), commandsOf('confirm-quit'))).toBe('confirm.no');
    expect(commandFor(keyFrom('/'), commandsOf('preview'))).toBeUndefined();
    expect(commandFor(keyFrom('ctrl+c'), commandsOf('filter'))).toBe('app.interrupt');
  });

  it('gives no key two meanings in one context', () => {
    for (const context of Object.keys(CONTEXTS) as KeyContext[]) {
      const seen = new Map<string, Command>();
      for (const command of commandsOf(context)) {
        for (const key of COMMANDS[command].keys) {
          const other = seen.get(key);
          // enter opens in lists and changes a value in decisions: one meaning per context is what matters.
          expect(other === undefined || other === command, `${context}: ${key} is both ${other} and ${command}`).toBe(true);
          seen.set(key, command);
        }
      }
    }
  });

  it('keeps "? help" in the footer however narrow, dropping other hints first', () => {
    const wide = footerLine('workloads', 200);
    expect(wide).toContain('/ filter');
    expect(wide).toContain('d decide');
    expect(wide).toContain('? help');
    const narrow = footerLine('workloads', 30);
    expect(narrow.length).toBeLessThanOrEqual(30);
    expect(narrow).toContain('? help');
    expect(narrow).not.toContain('d decide');
  });

  it('lists every command in the help overlay', () => {
    const listed = helpSections().flatMap((s) => s.rows.map((r) => r.help));
    for (const command of Object.keys(COMMANDS) as Command[]) expect(listed).toContain(COMMANDS[command].help);
  });

  it('shows the keys that work in each context, and only those', () => {
    expect(hintsOf('filter')).toEqual(['enter keep filter', 'esc clear filter', 'ctrl-u clear']);
    expect(hintsOf('detail')).toContain('d/enter decide');
    expect(hintsOf('confirm-quit')).toEqual(['y quit without saving', 'n stay', 'e export first']);
  });

  it('turns a paste into one press per character and knows the terminal codes', () => {
    expect(toKeyPresses('web', noKey).map((k) => k.char)).toEqual(['w', 'e', 'b']);
    expect(toKeyPresses('a b\r', noKey).map((k) => k.name)).toEqual(['char', 'space', 'char', 'return']);
    expect(toKeyPresses('', { ...noKey, delete: true })).toEqual([{ name: 'backspace', char: '', ctrl: false }]);
    expect(toKeyPresses('c', { ...noKey, ctrl: true })).toEqual([{ name: 'char', char: 'c', ctrl: true }]);
    expect(toKeyPresses('', { ...noKey, upArrow: true })[0]?.name).toBe('up');
    expect(toKeyPresses('\u0003', noKey)).toEqual([{ name: 'char', char: 'c', ctrl: true }]);
  });
});
