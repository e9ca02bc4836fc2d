/**
 * The values.yaml that export will write for the workload, scrollable, with
 * the lines decisions changed marked `+` (and what the default had, `-`).
 *
 * @example
 * ```
 * values.yaml for checkout-api · lines 1–20 of 212 · 2 change(s) from your decisions
 *    replicaCount: 3
 * -  replicaCount: 2
 * ```
 */
import { Box, Text } from 'ink';
import type { WorkloadDecision } from '../../../plan/types.js';
import type { Derive } from '../../derive.js';
import { clampTop } from '../../scroll.js';
import { useTheme } from '../../theme.js';
import { count, truncate } from '../../text.js';
import type { PreviewModel } from './model.js';
import type { PreviewState } from './state.js';
import { usePreview } from './use-preview.js';

export interface PreviewViewProps {
  state: PreviewState;
  model: PreviewModel;
  workloadId: string;
  included: boolean;
  width: number;
  height: number;
}

export function PreviewView({ state, model, workloadId, included, width, height }: PreviewViewProps) {
  const theme = useTheme();
  const rows = Math.max(1, height - 2);
  const top = clampTop(state.top, model.lines.length, rows);
  const shown = model.lines.slice(top, top + rows);
  const blocks = model.changes.length;
  const title = `values.yaml for ${workloadId} · lines ${model.lines.length ? top + 1 : 0}–${top + shown.length} of ${count(model.lines.length)} · ${blocks === 0 ? 'no change from decisions' : `${blocks} change(s) from decisions`}`;
  // The change block the last jump went to is shown in inverse, so the eye finds it.
  const current = state.change >= 0 ? model.changes[state.change] : undefined;
  let currentEnd = current ?? -1;
  while (current !== undefined && model.lines[currentEnd] !== undefined && model.lines[currentEnd]?.mark !== ' ') currentEnd++;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      <Text color={included ? undefined : theme.warn} dimColor={included} wrap="truncate-end">
        {included
          ? (state.notice ?? "+ from your decisions · - kubelift's default there · n/N jump between changes")
          : 'This workload is skipped: export will not write these values (set "Include in export" to yes to write them).'}
      </Text>
      {model.error ? <Text color={theme.error}>{truncate(`No values: ${model.error}`, width)}</Text> : null}
      {shown.map((line, i) => {
        const colour = line.mark === '+' ? theme.added : line.mark === '-' ? theme.removed : undefined;
        const isCurrent = current !== undefined && top + i >= current && top + i < currentEnd;
        return (
          <Text key={top + i} color={colour} bold={line.mark === '+'} dimColor={line.mark === '-'} inverse={isCurrent} wrap="truncate-end">
            {truncate(`${line.mark} ${line.text}`, width)}
          </Text>
        );
      })}
    </Box>
  );
}

export interface PreviewProps {
  state: PreviewState;
  derive: Derive;
  workloadId: string;
  decision: WorkloadDecision | undefined;
  width: number;
  height: number;
}

export function Preview({ state, derive, workloadId, decision, width, height }: PreviewProps) {
  const model = usePreview(derive, workloadId, decision);
  return <PreviewView state={state} model={model} workloadId={workloadId} included={decision?.include !== false} width={width} height={height} />;
}
