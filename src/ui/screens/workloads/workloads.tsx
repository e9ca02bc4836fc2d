/**
 * The workload list.
 *
 * @example
 * ```
 * Workloads 9 of 9 · sorted by risk
 *    SEVERITY WORKLOAD                    CLASS          APP          READY
 * ›● HIGH     checkout-api                replicable     —              45%
 *  ● MEDIUM   reports-worker              singleton      —              30%
 *    LOW      web-frontend                replicable     nginx          85%
 * ```
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { WorkloadDecision } from '../../../plan/types.js';
import { classLabel, type WizardData } from '../../data.js';
import type { Derive } from '../../derive.js';
import type { InsightQueue } from '../../insights.js';
import { List } from '../../components/list.js';
import { TextInput } from '../../components/text-input.js';
import type { TerminalSize } from '../../layout.js';
import { useTheme, type Theme } from '../../theme.js';
import { count, fit } from '../../text.js';
import type { WorkloadsState } from './state.js';
import { useWorkloads, type WorkloadRowModel, type WorkloadsModel } from './use-workloads.js';

const SORT_LABELS = { risk: 'risk (SPOFs, then severity)', name: 'name', readiness: 'readiness (least ready first)', class: 'class (hardest first)' } as const;

function columns(width: number): { severity: number; name: number; klass: number; app: number; ready: number } {
  const app = width >= 100 ? 16 : width >= 80 ? 12 : 0;
  const klass = width >= 70 ? 14 : 10;
  const fixed = 3 + 9 + klass + 1 + (app ? app + 1 : 0) + 5 + 1;
  return { severity: 9, name: Math.max(8, width - fixed), klass, app, ready: 5 };
}

interface RowProps {
  row: WorkloadRowModel;
  selected: boolean;
  width: number;
  theme: Theme;
}

// Moving the selection changes two rows; the others are skipped (summaries and insights are shared objects).
const sameRow = (a: RowProps, b: RowProps): boolean =>
  a.row.summary === b.row.summary && a.row.insight === b.row.insight && a.row.decided === b.row.decided && a.selected === b.selected && a.width === b.width && a.theme === b.theme;

const Row = memo(function Row({ row, selected, width, theme }: RowProps) {
  const c = columns(width);
  const { summary, insight } = row;
  const score = insight?.readiness?.score;
  const pending = insight === undefined;
  const readyTone = score === undefined ? undefined : score >= 80 ? theme.ok : score >= 50 ? theme.warn : theme.error;
  return (
    <>
      {selected ? '›' : ' '}
      <Text color={theme.spof}>{summary.spof ? '●' : ' '}</Text>
      {' '}
      <Text color={summary.severity ? theme.severity[summary.severity] : undefined}>{fit((summary.severity ?? '').toUpperCase(), c.severity)}</Text>
      {`${fit(`${row.decided ? '✎ ' : ''}${summary.id}`, c.name)} `}
      <Text dimColor={pending}>{`${fit(pending ? '…' : insight.error ? 'no plan' : classLabel(insight.class), c.klass)} ${c.app ? `${fit(pending ? '…' : (insight.app ?? '—'), c.app)} ` : ''}`}</Text>
      <Text color={readyTone} dimColor={pending}>{fit(pending ? '…' : score === undefined ? '—' : `${Math.round(score)}%`, c.ready, 'right')}</Text>
    </>
  );
}, sameRow);

export interface WorkloadsViewProps {
  state: WorkloadsState;
  model: WorkloadsModel;
  /** How far background planning is, when sorting by what plans say. */
  progress?: { done: number; total: number } | undefined;
  width: number;
  height: number;
}

export function WorkloadsView({ state, model, progress, width, height }: WorkloadsViewProps) {
  const theme = useTheme();
  const c = columns(width);
  const scoring = (state.sort === 'readiness' || state.sort === 'class') && progress && progress.done < progress.total ? ` (planned ${count(progress.done)}/${count(progress.total)}…)` : '';
  const title = `Workloads ${count(model.shown)} of ${count(model.total)} · sorted by ${SORT_LABELS[state.sort]}${scoring}${state.filter.value && !state.filtering ? ` · filter "${state.filter.value}"` : ''}${state.notice ? ` · ${state.notice}` : ''}`;
  const header = `   ${fit('SEVERITY', c.severity)}${fit('WORKLOAD', c.name)} ${fit('CLASS', c.klass)} ${c.app ? `${fit('APP', c.app)} ` : ''}${fit('READY', c.ready, 'right')}`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {state.filtering ? <TextInput label="Filter /" field={state.filter} width={width} /> : <Text bold wrap="truncate-end">{title}</Text>}
      <Text dimColor wrap="truncate-end">
        {header}
      </Text>
      <List
        width={width}
        height={Math.max(1, height - 2)}
        selected={model.selected}
        empty={state.filter.value ? `No workload matches "${state.filter.value}". Esc clears the filter.` : 'No workloads in this snapshot.'}
        rows={model.rows.map((row, i) => ({ key: row.summary.id, content: <Row row={row} selected={i === model.selected} width={width} theme={theme} /> }))}
      />
    </Box>
  );
}

export interface WorkloadsProps {
  state: WorkloadsState;
  /** Background planning: asked to plan the rows on screen first; `version` changes as it finds more. */
  queue?: InsightQueue;
  version?: number;
  data: WizardData;
  derive: Derive;
  decisions: Record<string, WorkloadDecision>;
  size: TerminalSize;
  width: number;
  height: number;
}

/** The list screen: its view over the model the hook derives. */
export function Workloads({ state, data, derive, decisions, size, width, height, queue, version = 0 }: WorkloadsProps) {
  const model = useWorkloads(state, data, derive, decisions, size, queue, version);
  const progress = state.sort === 'readiness' || state.sort === 'class' ? queue?.progress() : undefined;
  return <WorkloadsView state={state} model={model} progress={progress} width={width} height={height} />;
}
