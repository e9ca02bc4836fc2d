/**
 * Every key the wizard understands, as commands. Reducers react to commands,
 * never to raw keys, and the footer hints and the help overlay are generated
 * from these tables, so a key can't work without being documented.
 */

/** A key press, normalized from what the terminal sent. */
export interface KeyPress {
  name: 'up' | 'down' | 'left' | 'right' | 'pageup' | 'pagedown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace' | 'space' | 'char';
  /** The character typed, for `name: 'char'` (empty otherwise). */
  char: string;
  ctrl: boolean;
}

export const COMMANDS = {
  'app.help': { keys: ['?'], help: 'show or hide this help' },
  'app.quit': { keys: ['q'], help: 'quit (asks first when decisions are unsaved)' },
  'app.back': { keys: ['escape', 'backspace'], help: 'go back' },
  'app.interrupt': { keys: ['ctrl+c'], help: 'stop now (exit 130; nothing is half-written)' },
  'app.export': { keys: ['e'], help: 'export values, plan.yaml and the JSON report' },
  'nav.up': { keys: ['up', 'k'], help: 'move up' },
  'nav.down': { keys: ['down', 'j'], help: 'move down' },
  'nav.pageUp': { keys: ['pageup', 'ctrl+b'], help: 'one page up' },
  'nav.pageDown': { keys: ['pagedown', 'ctrl+f'], help: 'one page down' },
  'nav.top': { keys: ['home', 'g'], help: 'go to the first line' },
  'nav.bottom': { keys: ['end', 'G'], help: 'go to the last line' },
  'nav.open': { keys: ['return'], help: 'open the selected item' },
  'list.filter': { keys: ['/'], help: 'filter by text (id, name, region, account, severity, "spof")' },
  'list.sort': { keys: ['s'], help: 'change the sort order (risk, name, readiness, class)' },
  'list.nextSpof': { keys: ['n'], help: 'jump to the next single point of failure' },
  'list.prevSpof': { keys: ['N'], help: 'jump to the previous single point of failure' },
  'workload.decide': { keys: ['d'], help: 'change the decisions for this workload' },
  'workload.preview': { keys: ['p'], help: 'preview the values.yaml for this workload' },
  'detail.pane': { keys: ['tab'], help: 'next pane (AWS today, Kubernetes plan, findings)' },
  'decision.change': { keys: ['return', 'space'], help: 'change the value (toggle, cycle or type)' },
  'decision.reset': { keys: ['r'], help: "back to kubelift's default" },
  'preview.nextChange': { keys: ['n'], help: 'jump to the next line a decision changed' },
  'preview.prevChange': { keys: ['N'], help: 'jump to the previous line a decision changed' },
  'edit.accept': { keys: ['return'], help: 'accept what was typed' },
  'edit.cancel': { keys: ['escape'], help: 'cancel typing' },
  'edit.clear': { keys: ['ctrl+u'], help: 'clear the field' },
  'confirm.yes': { keys: ['y'], help: 'yes' },
  'confirm.no': { keys: ['n', 'escape'], help: 'no' },
} as const satisfies Record<string, { keys: readonly string[]; help: string }>;

export type Command = keyof typeof COMMANDS;

/** Where keys are read: each context has its own commands and footer. */
export type KeyContext =
  | 'overview'
  | 'workloads'
  | 'filter'
  | 'detail'
  | 'decisions'
  | 'decision-edit'
  | 'preview'
  | 'export-input'
  | 'export-busy'
  | 'export-done'
  | 'export-failed'
  | 'confirm-overwrite'
  | 'confirm-quit'
  | 'help';

/** One footer hint: a command and, where the generic help reads oddly, a shorter label. */
interface Hint {
  command: Command;
  label?: string;
}

const NAV: Hint[] = [{ command: 'nav.up' }, { command: 'nav.down' }, { command: 'nav.pageUp' }, { command: 'nav.pageDown' }, { command: 'nav.top' }, { command: 'nav.bottom' }];

/** The commands of each context, in footer order; the global ones come last. */
export const CONTEXTS: Record<KeyContext, { title: string; hints: Hint[]; global: boolean }> = {
  overview: { title: 'Overview', global: true, hints: [{ command: 'nav.open', label: 'workloads' }, { command: 'list.nextSpof', label: 'first SPOF' }, { command: 'app.export', label: 'export' }] },
  workloads: {
    title: 'Workloads',
    global: true,
    hints: [
      ...NAV,
      { command: 'nav.open', label: 'open' },
      { command: 'list.filter', label: 'filter' },
      { command: 'list.sort', label: 'sort' },
      { command: 'list.nextSpof', label: 'next SPOF' },
      { command: 'list.prevSpof', label: 'previous SPOF' },
      { command: 'workload.decide', label: 'decide' },
      { command: 'workload.preview', label: 'preview' },
      { command: 'app.export', label: 'export' },
    ],
  },
  filter: { title: 'Filter', global: false, hints: [{ command: 'edit.accept', label: 'keep filter' }, { command: 'edit.cancel', label: 'clear filter' }, { command: 'edit.clear', label: 'clear' }] },
  detail: {
    title: 'Workload',
    global: true,
    hints: [...NAV, { command: 'detail.pane', label: 'pane' }, { command: 'workload.decide', label: 'decide' }, { command: 'nav.open', label: 'decide' }, { command: 'workload.preview', label: 'preview' }, { command: 'app.export', label: 'export' }],
  },
  decisions: {
    title: 'Decisions',
    global: true,
    hints: [...NAV, { command: 'decision.change', label: 'change' }, { command: 'decision.reset', label: 'default' }, { command: 'workload.preview', label: 'preview' }, { command: 'app.export', label: 'export' }],
  },
  'decision-edit': { title: 'Typing a value', global: false, hints: [{ command: 'edit.accept', label: 'accept' }, { command: 'edit.cancel', label: 'cancel' }, { command: 'edit.clear', label: 'clear' }] },
  preview: { title: 'Preview', global: true, hints: [...NAV, { command: 'preview.nextChange', label: 'next change' }, { command: 'preview.prevChange', label: 'previous change' }, { command: 'app.export', label: 'export' }] },
  'export-input': { title: 'Export: folder', global: false, hints: [{ command: 'edit.accept', label: 'write' }, { command: 'edit.cancel', label: 'back' }, { command: 'edit.clear', label: 'clear' }] },
  'export-busy': { title: 'Export: writing', global: false, hints: [{ command: 'app.interrupt', label: 'stop' }] },
  'export-done': { title: 'Export: done', global: true, hints: [...NAV, { command: 'app.export', label: 'export again' }] },
  'export-failed': { title: 'Export: failed', global: true, hints: [{ command: 'nav.open', label: 'change the folder' }, { command: 'app.export', label: 'try again' }] },
  'confirm-overwrite': { title: 'Confirm overwrite', global: false, hints: [{ command: 'confirm.yes', label: 'overwrite' }, { command: 'confirm.no', label: 'keep the files' }] },
  'confirm-quit': { title: 'Confirm quit', global: false, hints: [{ command: 'confirm.yes', label: 'quit without saving' }, { command: 'confirm.no', label: 'stay' }, { command: 'app.export', label: 'export first' }] },
  help: { title: 'Help', global: false, hints: [{ command: 'app.help', label: 'close' }, { command: 'app.back', label: 'close' }, ...NAV] },
};

/** Commands that work wherever `global` is set. */
export const GLOBAL_HINTS: Hint[] = [
  { command: 'app.back', label: 'back' },
  { command: 'app.help', label: 'help' },
  { command: 'app.quit', label: 'quit' },
];

/** The key a press stands for, in the spelling the tables use (`k`, `G`, `up`, `ctrl+c`). */
export function keyId(key: KeyPress): string {
  if (key.name !== 'char') return key.name;
  return key.ctrl ? `ctrl+${key.char.toLowerCase()}` : key.char;
}

/** True when the key is bound to the command. */
export function isCommand(key: KeyPress, command: Command): boolean {
  return (COMMANDS[command].keys as readonly string[]).includes(keyId(key));
}

/** The first of `commands` (in order) bound to the key. */
export function commandFor(key: KeyPress, commands: readonly Command[]): Command | undefined {
  const id = keyId(key);
  return commands.find((c) => (COMMANDS[c].keys as readonly string[]).includes(id));
}

/** The commands a context reacts to, its own first, then the global ones. */
export function commandsOf(context: KeyContext): Command[] {
  const spec = CONTEXTS[context];
  const own = spec.hints.map((h) => h.command);
  return [...new Set([...own, ...(spec.global ? GLOBAL_HINTS.map((h) => h.command) : []), 'app.interrupt' as const])];
}

const KEY_LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  return: 'enter',
  escape: 'esc',
  backspace: 'backspace',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  tab: 'tab',
  space: 'space',
};

/** How a key is written for people: `↑`, `enter`, `ctrl-c`. */
export function keyLabel(key: string): string {
  if (key.startsWith('ctrl+')) return `ctrl-${key.slice(5)}`;
  return KEY_LABELS[key] ?? key;
}

/** The keys of a command for people: `↑/k`. */
export function keysLabel(command: Command): string {
  return COMMANDS[command].keys.map(keyLabel).join('/');
}

/** The hints of a context as `keys label` strings, in footer order (the global ones last). */
export function hintsOf(context: KeyContext): string[] {
  const spec = CONTEXTS[context];
  // The footer shows the first key of each command (↑ rather than ↑/k): the help overlay lists all of them.
  const merged = new Map<string, string[]>();
  for (const hint of [...spec.hints.filter((h) => !h.command.startsWith('nav.') || h.command === 'nav.open'), ...(spec.global ? GLOBAL_HINTS : [])]) {
    const label = hint.label ?? COMMANDS[hint.command].help;
    const key = keyLabel(COMMANDS[hint.command].keys[0]);
    merged.set(label, [...(merged.get(label) ?? []), key]);
  }
  const hints = [...merged].map(([label, keys]) => `${keys.join('/')} ${label}`);
  return spec.hints.some((h) => h.command === 'nav.down') ? ['↑↓ move', ...hints] : hints;
}

/**
 * The footer line for a width: as many hints as fit, and `? help` always
 * kept, because the help overlay lists everything the footer had to drop.
 */
export function footerLine(context: KeyContext, width: number): string {
  const hints = hintsOf(context);
  const separator = ' · ';
  const help = hints.find((h) => h.endsWith(' help'));
  const rest = hints.filter((h) => h !== help);
  const kept: string[] = [];
  let used = help ? help.length : 0;
  for (const hint of rest) {
    const extra = hint.length + (kept.length > 0 || help ? separator.length : 0);
    if (used + extra > width) break;
    kept.push(hint);
    used += extra;
  }
  return [...kept, ...(help ? [help] : [])].join(separator);
}

/** Every command with its keys, grouped by context, for the help overlay. */
export function helpSections(): { title: string; rows: { keys: string; help: string }[] }[] {
  const seen = new Set<Command>();
  const sections: { title: string; rows: { keys: string; help: string }[] }[] = [];
  const add = (title: string, commands: Command[]): void => {
    const rows = commands.filter((c) => !seen.has(c)).map((c) => (seen.add(c), { keys: keysLabel(c), help: COMMANDS[c].help }));
    if (rows.length > 0) sections.push({ title, rows });
  };
  add('Everywhere', ['app.back', 'app.help', 'app.quit', 'app.interrupt', 'app.export']);
  add('Moving', ['nav.up', 'nav.down', 'nav.pageUp', 'nav.pageDown', 'nav.top', 'nav.bottom', 'nav.open']);
  for (const context of ['workloads', 'detail', 'decisions', 'preview', 'decision-edit', 'confirm-overwrite'] as const) {
    add(CONTEXTS[context].title, CONTEXTS[context].hints.map((h) => h.command));
  }
  // Anything not reached above is still listed: the overlay must show every key.
  add('Other', Object.keys(COMMANDS) as Command[]);
  return sections;
}

/** Turns what Ink reports for one input event into key presses (a paste becomes one press per character). */
export function toKeyPresses(
  input: string,
  key: { upArrow: boolean; downArrow: boolean; leftArrow: boolean; rightArrow: boolean; pageUp: boolean; pageDown: boolean; home: boolean; end: boolean; return: boolean; escape: boolean; tab: boolean; backspace: boolean; delete: boolean; ctrl: boolean },
): KeyPress[] {
  const named = (name: KeyPress['name']): KeyPress[] => [{ name, char: '', ctrl: false }];
  if (key.upArrow) return named('up');
  if (key.downArrow) return named('down');
  if (key.leftArrow) return named('left');
  if (key.rightArrow) return named('right');
  if (key.pageUp) return named('pageup');
  if (key.pageDown) return named('pagedown');
  if (key.home) return named('home');
  if (key.end) return named('end');
  if (key.escape) return named('escape');
  if (key.tab) return named('tab');
  // Most terminals send DEL (0x7f) for the Backspace key, which Ink reports as `delete`.
  if (key.backspace || key.delete) return named('backspace');
  if (key.return) return named('return');
  if (key.ctrl && input.length === 1) return [{ name: 'char', char: input, ctrl: true }];
  const presses: KeyPress[] = [];
  for (const char of input) {
    if (char === '\r' || char === '\n') presses.push({ name: 'return', char: '', ctrl: false });
    else if (char === '\x7f' || char === '\b') presses.push({ name: 'backspace', char: '', ctrl: false });
    else if (char === '\t') presses.push({ name: 'tab', char: '', ctrl: false });
    else if (char === '\x03') presses.push({ name: 'char', char: 'c', ctrl: true });
    else if (char === ' ') presses.push({ name: 'space', char: ' ', ctrl: false });
    else if (char >= ' ') presses.push({ name: 'char', char, ctrl: false });
  }
  return presses;
}

/** A key press from its table spelling, for tests and the benchmark (`k`, `up`, `ctrl+c`). */
export function keyFrom(id: string): KeyPress {
  if (id.startsWith('ctrl+')) return { name: 'char', char: id.slice(5), ctrl: true };
  if (id === 'space') return { name: 'space', char: ' ', ctrl: false };
  if (id in KEY_LABELS) return { name: id as KeyPress['name'], char: '', ctrl: false };
  return { name: 'char', char: id, ctrl: false };
}
