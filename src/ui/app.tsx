/**
 * The wizard's shell: one reducer over the screens, one key listener, and a
 * frame of header, screen and footer sized to the terminal. No business
 * logic: screens compute from the data, the reducer decides, the command
 * that started the wizard does the file work through `io`.
 *
 * @example
 * ```
 * kubelift plan · demo estate · Overview › Workloads                 1 decided · unsaved
 * Workloads 9 of 9 · sorted by risk (SPOFs, then severity)
 * …
 * ↑↓ move · enter open · / filter · s sort · n next SPOF · esc back · ? help · q quit
 * ```
 */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { buildPlanFile, type WizardData, type WizardIo, type WizardServices } from './data.js';
import { createDerive, type Derive } from './derive.js';
import { createAppReducer, currentScreen, decidedCount, initialAppState, keyContext, type AppAction, type AppState, type ScreenId } from './app-state.js';
import { createInsightQueue, type InsightQueue } from './insights.js';
import { toKeyPresses } from './keymap.js';
import { bodyHeight, frameHeight, isTooSmall, MIN_SIZE, type TerminalSize } from './layout.js';
import { ThemeContext, createTheme } from './theme.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { ConfirmDialog } from './components/confirm-dialog.js';
import { Overview } from './screens/overview/overview.js';
import { Workloads } from './screens/workloads/workloads.js';
import { Detail } from './screens/detail/detail.js';
import { Decisions } from './screens/decisions/decisions.js';
import { Preview } from './screens/preview/preview.js';
import { Export } from './screens/export/export.js';
import type { ExportAction } from './screens/export/state.js';

export type ExitReason = 'quit' | 'interrupt';

export interface WizardProps {
  data: WizardData;
  services: WizardServices;
  io: WizardIo;
  color: boolean;
  /** The size to start at when the output stream does not report one. */
  size?: TerminalSize;
  /** Called once when the wizard should end. */
  onExit?: (reason: ExitReason) => void;
  /** A derive built ahead of time (the benchmark shares one); built from data and services otherwise. */
  derive?: Derive;
}

const TITLES: Record<Exclude<ScreenId, 'detail'>, string> = { overview: 'Overview', workloads: 'Workloads', decisions: 'Decisions', preview: 'Preview', export: 'Export' };

function trail(state: AppState): string[] {
  const named = state.stack.includes('detail');
  return state.stack.map((screen) => {
    if (screen === 'detail') return state.workloadId ?? 'Workload';
    // Opened straight from the list, decisions and preview name their workload themselves.
    if ((screen === 'decisions' || screen === 'preview') && !named && state.workloadId) return `${TITLES[screen]} ${state.workloadId}`;
    return TITLES[screen];
  });
}

/** Follows the terminal's size, including resizes. */
function useTerminalSize(fallback: TerminalSize | undefined, dispatch: (action: AppAction) => void): TerminalSize {
  const { stdout } = useStdout();
  const read = useCallback((): TerminalSize => ({ columns: stdout.columns || fallback?.columns || 80, rows: stdout.rows || fallback?.rows || 24 }), [stdout, fallback]);
  useEffect(() => {
    const onResize = (): void => dispatch({ type: 'resize', size: read() });
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout, read, dispatch]);
  return read();
}

/**
 * Runs background planning between frames, a few milliseconds at a time,
 * and not at all just after a key, so typing never waits for it; returns a
 * number that changes when there is something new to draw.
 */
function useInsightWorker(queue: InsightQueue, lastKeyAt: { current: number }): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    // Immediates and timeouts are cleared by their own functions: clearImmediate on a timeout corrupts Node's count of immediates.
    let immediate: NodeJS.Immediate | undefined;
    let timeout: NodeJS.Timeout | undefined;
    let lastDrawn = performance.now();
    const tick = (): void => {
      immediate = undefined;
      timeout = undefined;
      const quiet = performance.now() - lastKeyAt.current;
      if (quiet < KEY_QUIET_MS) {
        timeout = setTimeout(tick, KEY_QUIET_MS - quiet);
        return;
      }
      const more = queue.step(8);
      // Redraw when the work is done, and every 100 ms while it goes on.
      if (!more || performance.now() - lastDrawn > 100) {
        lastDrawn = performance.now();
        setVersion((v) => v + 1);
      }
      if (more) immediate = setImmediate(tick);
    };
    const start = (): void => {
      if (!immediate && !timeout) immediate = setImmediate(tick);
    };
    const off = queue.onWork(start);
    start();
    return () => {
      off();
      if (immediate) clearImmediate(immediate);
      if (timeout) clearTimeout(timeout);
    };
  }, [queue, lastKeyAt]);
  return version;
}

/** Background planning waits this long after a key, so keys in quick succession get every frame. */
const KEY_QUIET_MS = 120;

export function Wizard({ data, services, io, color, size, onExit, derive: given }: WizardProps) {
  const derive = useMemo(() => given ?? createDerive(data, services), [given, data, services]);
  const reducer = useMemo(() => createAppReducer(data, derive), [data, derive]);
  const { stdout } = useStdout();
  const [state, dispatch] = useReducer(reducer, undefined, () => initialAppState(data, { columns: stdout.columns || size?.columns || 80, rows: stdout.rows || size?.rows || 24 }));
  useTerminalSize(size, dispatch);
  const { exit } = useApp();
  const queue = useMemo(() => createInsightQueue(data, derive), [data, derive]);
  const lastKeyAt = useRef(0);
  const version = useInsightWorker(queue, lastKeyAt);
  // Plan everything in the background from the start, again for workloads whose decision changed.
  useEffect(() => queue.want([], state.decisions), [queue, state.decisions]);

  // One listener for the whole wizard, so no key is lost while screens change;
  // the reducer decides what each key means where it lands.
  useInput(
    useCallback((input, key) => {
      lastKeyAt.current = performance.now();
      for (const press of toKeyPresses(input, key)) dispatch({ type: 'key', key: press });
    }, []),
  );

  useEffect(() => {
    if (!state.exit) return;
    onExit?.(state.exit);
    exit();
  }, [state.exit, onExit, exit]);

  const theme = useMemo(() => createTheme(color), [color]);
  const exportDispatch = useCallback((action: ExportAction) => dispatch({ type: 'export', action }), []);
  const planFile = useCallback(() => buildPlanFile(data, state.decisions), [data, state.decisions]);

  const { columns } = state.size;
  const height = frameHeight(state.size);
  const body = bodyHeight(state.size);
  const context = keyContext(state);
  const screen = currentScreen(state);
  const decided = decidedCount(state, data);
  const id = state.workloadId ?? '';
  const decision = state.workloadId ? state.decisions[state.workloadId] : undefined;

  if (isTooSmall(state.size)) {
    return (
      <Text>{`kubelift plan needs a terminal of at least ${MIN_SIZE.columns}×${MIN_SIZE.rows}; this one is ${columns}×${state.size.rows}. Make it larger, or press q to quit.`}</Text>
    );
  }

  let content;
  if (state.overlay === 'help') {
    content = <HelpOverlay top={state.helpTop} width={columns} height={body} />;
  } else if (state.overlay === 'quit') {
    content = (
      <ConfirmDialog
        title={`You have unsaved decisions for ${decided} workload(s).`}
        lines={['Quitting now loses them.', 'Export writes them to plan.yaml, with the values.']}
        choices={['y quit without saving', 'n stay', 'e export first']}
        width={Math.min(columns, 72)}
      />
    );
  } else {
    switch (screen) {
      case 'overview':
        content = <Overview state={state.overview} data={data} derive={derive} decisions={state.decisions} decided={decided} width={columns} height={body} version={version} />;
        break;
      case 'workloads':
        content = <Workloads state={state.workloads} data={data} derive={derive} decisions={state.decisions} size={state.size} width={columns} height={body} queue={queue} version={version} />;
        break;
      case 'detail':
        content = <Detail state={state.detail} data={data} derive={derive} workloadId={id} decision={decision} size={state.size} />;
        break;
      case 'decisions':
        content = <Decisions state={state.decisionsScreen} derive={derive} workloadId={id} decision={decision} width={columns} height={body} />;
        break;
      case 'preview':
        content = <Preview state={state.preview} derive={derive} workloadId={id} decision={decision} width={columns} height={body} />;
        break;
      case 'export': {
        const skipped = Object.entries(state.decisions).filter(([w, d]) => d.include === false && data.workload(w)).length;
        content = (
          <Export
            state={state.export}
            dropped={data.unknownDecisions.filter((w) => state.decisions[w] !== undefined)}
            io={io}
            plan={planFile}
            dispatch={exportDispatch}
            included={data.workloads.length - skipped}
            skipped={skipped}
            decided={decided}
            width={columns}
            height={body}
          />
        );
        break;
      }
    }
  }

  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={columns} height={height}>
        <Header label={data.label} trail={trail(state)} decided={decided} dirty={state.dirty} width={columns} />
        <Box flexDirection="column" height={body} overflow="hidden">
          {content}
        </Box>
        <Footer context={context} width={columns} />
      </Box>
    </ThemeContext.Provider>
  );
}
