/**
 * The wizard's state and its one reducer. Keys come in as presses; the
 * reducer finds the context (screen, overlay, typing), turns the press into
 * a command from the keymap, gives it to the screen's reducer first and
 * applies what the screen asks for (open, decide, back). Global commands
 * (help, quit, back, export) apply when the screen did not use the key.
 * No Ink here: every navigation path is testable as data.
 */
import type { WorkloadDecision } from '../plan/types.js';
import { isEmptyDecision, type WizardData } from './data.js';
import { decisionKey, type Derive } from './derive.js';
import type { Intent, Step } from './intent.js';
import { commandFor, commandsOf, isCommand, type Command, type KeyContext, type KeyPress } from './keymap.js';
import { detailLayout, listRows, pageRows, type TerminalSize } from './layout.js';
import { isMovement, scrollBy } from './scroll.js';
import { initialDecisionsState, decisionsReducer, type DecisionsState } from './screens/decisions/state.js';
import { fieldContext } from './screens/decisions/use-decisions.js';
import { detailModel } from './screens/detail/model.js';
import { detailReducer, initialDetailState, type DetailState } from './screens/detail/state.js';
import { exportReducer, initialExportState, type ExportAction, type ExportState } from './screens/export/state.js';
import { overviewRows } from './screens/overview/model.js';
import { initialOverviewState, overviewReducer, type OverviewState } from './screens/overview/state.js';
import { previewModel } from './screens/preview/model.js';
import { initialPreviewState, previewReducer, type PreviewState } from './screens/preview/state.js';
import { initialWorkloadsState, workloadsReducer, type WorkloadsState } from './screens/workloads/state.js';
import { helpLineCount } from './components/help-lines.js';

export type ScreenId = 'overview' | 'workloads' | 'detail' | 'decisions' | 'preview' | 'export';

export interface AppState {
  size: TerminalSize;
  /** Screens visited, the current one last; Esc pops. */
  stack: ScreenId[];
  overlay: 'help' | 'quit' | undefined;
  helpTop: number;
  /** The workload the detail, decisions and preview screens are about. */
  workloadId: string | undefined;
  decisions: Record<string, WorkloadDecision>;
  /** True when decisions changed since they were last written (or loaded). */
  dirty: boolean;
  /** Set when the wizard should end: the shell unmounts and the command exits. */
  exit: 'quit' | 'interrupt' | undefined;
  /** The folder last exported to, proposed again next time. */
  exportDir: string;
  overview: OverviewState;
  workloads: WorkloadsState;
  detail: DetailState;
  decisionsScreen: DecisionsState;
  preview: PreviewState;
  export: ExportState;
}

export type AppAction = { type: 'key'; key: KeyPress } | { type: 'resize'; size: TerminalSize } | { type: 'export'; action: ExportAction };

export function initialAppState(data: WizardData, size: TerminalSize): AppState {
  return {
    size,
    stack: ['overview'],
    overlay: undefined,
    helpTop: 0,
    workloadId: undefined,
    decisions: data.initialDecisions,
    dirty: false,
    exit: undefined,
    exportDir: data.exportDir,
    overview: initialOverviewState(),
    workloads: initialWorkloadsState(),
    detail: initialDetailState(),
    decisionsScreen: initialDecisionsState(),
    preview: initialPreviewState(),
    export: initialExportState(data.exportDir),
  };
}

export function currentScreen(state: AppState): ScreenId {
  return state.stack[state.stack.length - 1] ?? 'overview';
}

/** Where the keys go now: decides which commands exist and what the footer shows. */
export function keyContext(state: AppState): KeyContext {
  if (state.overlay === 'help') return 'help';
  if (state.overlay === 'quit') return 'confirm-quit';
  const screen = currentScreen(state);
  switch (screen) {
    case 'workloads':
      return state.workloads.filtering ? 'filter' : 'workloads';
    case 'decisions':
      return state.decisionsScreen.editing ? 'decision-edit' : 'decisions';
    case 'export':
      switch (state.export.phase) {
        case 'input':
          return 'export-input';
        case 'confirm':
          return 'confirm-overwrite';
        case 'done':
          return 'export-done';
        case 'failed':
          return 'export-failed';
        default:
          return 'export-busy';
      }
    default:
      return screen;
  }
}

/** True while keys are typed into a field rather than read as commands. */
export function isTyping(context: KeyContext): boolean {
  return context === 'filter' || context === 'decision-edit' || context === 'export-input';
}

/** The number of workloads with a decision. */
export function decidedCount(state: AppState, data?: WizardData): number {
  return Object.entries(state.decisions).filter(([id, d]) => !isEmptyDecision(d) && (!data || data.workload(id))).length;
}

function open(state: AppState, screen: ScreenId): AppState {
  // Opening a screen already on the stack goes back to it, so Esc always retraces a short path.
  const at = state.stack.indexOf(screen);
  return { ...state, stack: at >= 0 ? state.stack.slice(0, at + 1) : [...state.stack, screen] };
}

/** Builds the reducer over one estate; `derive` gives it the same row counts the views draw. */
export function createAppReducer(data: WizardData, derive: Derive): (state: AppState, action: AppAction) => AppState {
  const decisionOf = (state: AppState): WorkloadDecision | undefined => (state.workloadId ? state.decisions[state.workloadId] : undefined);

  const workloadsContext = (state: AppState) => ({
    visible: (query: string, sort: Parameters<Derive['visible']>[1]) => derive.visible(query, sort, state.decisions),
    indexIn: derive.indexIn,
    isSpof: (id: string) => data.summary(id)?.spof ?? false,
    rows: listRows(state.size),
  });

  const apply = (state: AppState, intent: Intent | undefined): AppState => {
    if (!intent) return state;
    switch (intent.type) {
      case 'open-workloads': {
        const next = open(state, 'workloads');
        if (!intent.selectId) return next;
        const selected = workloadsReducer(next.workloads, { type: 'select', id: intent.selectId }, workloadsContext(next));
        return selected ? { ...next, workloads: selected.state } : next;
      }
      case 'open-detail':
        return { ...open(state, 'detail'), workloadId: intent.workloadId, detail: state.workloadId === intent.workloadId ? state.detail : initialDetailState() };
      case 'open-decisions':
        return {
          ...open(state, 'decisions'),
          workloadId: intent.workloadId,
          decisionsScreen: state.workloadId === intent.workloadId ? { ...state.decisionsScreen, editing: undefined, notice: undefined } : initialDecisionsState(),
        };
      case 'open-preview':
        return { ...open(state, 'preview'), workloadId: intent.workloadId, preview: initialPreviewState() };
      case 'open-export':
        return { ...open(state, 'export'), export: initialExportState(state.exportDir) };
      case 'decide': {
        const before = state.decisions[intent.workloadId];
        if (decisionKey(before) === decisionKey(intent.decision)) return state;
        const decisions = { ...state.decisions };
        if (isEmptyDecision(intent.decision)) delete decisions[intent.workloadId];
        else decisions[intent.workloadId] = intent.decision as WorkloadDecision;
        return { ...state, decisions, dirty: true };
      }
      case 'exported':
        return { ...state, dirty: false, exportDir: state.export.dir.value.trim() };
      case 'back':
        return state.stack.length > 1 ? { ...state, stack: state.stack.slice(0, -1) } : state;
    }
  };

  /** Runs a screen's reducer and applies its intent; `undefined` when the screen did not use the action. */
  const toScreen = (state: AppState, action: { type: 'command'; command: Command } | { type: 'type'; key: KeyPress }): AppState | undefined => {
    const screen = currentScreen(state);
    const id = state.workloadId;
    let step: Step<unknown> | undefined;
    let put: (s: AppState, value: unknown) => AppState;
    switch (screen) {
      case 'overview': {
        if (action.type !== 'command') return undefined;
        const firstSpof = derive.visible('', 'risk', state.decisions).find((w) => data.summary(w)?.spof);
        step = overviewReducer(state.overview, action, { lines: overviewRows(data, state.size.columns, decidedCount(state, data)).length, rows: pageRows(state.size), firstSpof });
        put = (s, v) => ({ ...s, overview: v as OverviewState });
        break;
      }
      case 'workloads':
        step = workloadsReducer(state.workloads, action, workloadsContext(state));
        put = (s, v) => ({ ...s, workloads: v as WorkloadsState });
        break;
      case 'detail': {
        if (action.type !== 'command' || !id) return undefined;
        const layout = detailLayout(state.size);
        const model = detailModel(data, derive, id, decisionOf(state), layout.findingWidth);
        step = detailReducer(state.detail, action, { workloadId: id, awsLines: model.aws.length, planRows: model.plan.length, findingLines: model.findings.length, paneRows: layout.paneRows, findingRows: layout.findingRows });
        put = (s, v) => ({ ...s, detail: v as DetailState });
        break;
      }
      case 'decisions': {
        if (!id) return undefined;
        const fields = fieldContext(derive, id, decisionOf(state));
        step = decisionsReducer(state.decisionsScreen, action, { workloadId: id, fields: 'error' in fields ? undefined : fields });
        put = (s, v) => ({ ...s, decisionsScreen: v as DecisionsState });
        break;
      }
      case 'preview': {
        if (action.type !== 'command' || !id) return undefined;
        const model = previewModel(derive, id, decisionOf(state));
        step = previewReducer(state.preview, action, { lines: model.lines.length, rows: pageRows(state.size) - 1, changes: model.changes });
        put = (s, v) => ({ ...s, preview: v as PreviewState });
        break;
      }
      case 'export':
        step = exportReducer(state.export, action, { rows: pageRows(state.size) - 2 });
        put = (s, v) => ({ ...s, export: v as ExportState });
        break;
    }
    if (!step) return undefined;
    return apply(put(state, step.state), step.intent);
  };

  const onKey = (state: AppState, key: KeyPress): AppState => {
    // Ctrl-C always stops, even while typing or writing.
    if (isCommand(key, 'app.interrupt')) return { ...state, exit: 'interrupt' };
    const context = keyContext(state);
    if (isTyping(context)) return toScreen(state, { type: 'type', key }) ?? state;
    const command = commandFor(key, commandsOf(context));
    if (!command) return state;

    if (state.overlay === 'help') {
      if (command === 'app.help' || command === 'app.back') return { ...state, overlay: undefined };
      if (isMovement(command)) return { ...state, helpTop: scrollBy(state.helpTop, helpLineCount(state.size.columns), pageRows(state.size), command) };
      return state;
    }
    if (state.overlay === 'quit') {
      if (command === 'confirm.yes') return { ...state, overlay: undefined, exit: 'quit' };
      if (command === 'confirm.no') return { ...state, overlay: undefined };
      if (command === 'app.export') return apply({ ...state, overlay: undefined }, { type: 'open-export' });
      return state;
    }

    const handled = toScreen(state, { type: 'command', command });
    if (handled) return handled;
    switch (command) {
      case 'app.help':
        return { ...state, overlay: 'help', helpTop: 0 };
      case 'app.quit':
        return state.dirty ? { ...state, overlay: 'quit' } : { ...state, exit: 'quit' };
      case 'app.back':
        return apply(state, { type: 'back' });
      case 'app.export':
        // On the export screen, e starts another export (after one was written or failed).
        return currentScreen(state) === 'export' ? { ...state, export: initialExportState(state.exportDir) } : apply(state, { type: 'open-export' });
      default:
        return state;
    }
  };

  return (state, action) => {
    switch (action.type) {
      case 'key':
        return onKey(state, action.key);
      case 'resize':
        return { ...state, size: action.size };
      case 'export': {
        if (currentScreen(state) !== 'export') return state;
        const step = exportReducer(state.export, action.action, { rows: pageRows(state.size) - 2 });
        return step ? apply({ ...state, export: step.state }, step.intent) : state;
      }
    }
  };
}
