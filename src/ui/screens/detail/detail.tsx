/**
 * One workload: AWS today beside the Kubernetes plan, where the selected
 * planned value came from, and the findings with their remedies.
 *
 * @example
 * ```
 * checkout-api · Auto Scaling group · us-east-1 · ● SPOF · HIGH
 * AWS today                              ▸ Kubernetes plan
 * ALB shop · internet-facing · zones …   › replicaCount          2
 *   TG checkout · HTTP:8080 · 1/1 hea…     autoscaling.enabled   false
 * replicaCount = 2 ← AWS AutoScalingGroup checkout-asg · DesiredCapacity
 *   At least two replicas so one pod or node can fail; max(2, DesiredCapacity).
 * Findings (3)
 * HIGH · SPOF · Auto Scaling group runs in a single zone [asg-single-az]
 * ```
 */
import { Box, Text } from 'ink';
import type { WorkloadDecision } from '../../../plan/types.js';
import type { WizardData } from '../../data.js';
import type { Derive } from '../../derive.js';
import { detailLayout, type TerminalSize } from '../../layout.js';
import { sourceLine } from '../../plan-values.js';
import { clampTop, follow } from '../../scroll.js';
import { useTheme, type Theme } from '../../theme.js';
import { fit, truncate, wrap } from '../../text.js';
import type { Tone } from './aws-tree.js';
import type { DetailModel } from './model.js';
import type { DetailPane, DetailState } from './state.js';
import { useDetail } from './use-detail.js';

const ORIGINS = { 'auto-scaling-group': 'Auto Scaling group', 'instance-group': 'instance group', 'standalone-instance': 'standalone instance' } as const;

function toneColour(theme: Theme, tone: Tone): string | undefined {
  return tone === 'ok' ? theme.ok : tone === 'warn' ? theme.warn : tone === 'error' ? theme.error : undefined;
}

function PaneTitle({ title, focused, width }: { title: string; focused: boolean; width: number }) {
  const theme = useTheme();
  return (
    <Text bold color={focused ? theme.accent : undefined} underline={focused} wrap="truncate-end">
      {fit(`${focused ? '▸ ' : '  '}${title}`, width)}
    </Text>
  );
}

export interface DetailViewProps {
  state: DetailState;
  model: DetailModel;
  workloadId: string;
  size: TerminalSize;
}

export function DetailView({ state, model, workloadId, size }: DetailViewProps) {
  const theme = useTheme();
  const layout = detailLayout(size);
  const { summary } = model;
  const title = summary
    ? `${summary.id}${summary.name !== summary.id ? ` (${summary.name})` : ''} · ${ORIGINS[summary.origin]} · ${summary.region} · ${summary.accountId}`
    : workloadId;
  const focus = (pane: DetailPane): boolean => state.pane === pane;

  const awsTop = clampTop(state.awsTop, model.aws.length, layout.paneRows);
  const planIndex = Math.min(state.planIndex, Math.max(0, model.plan.length - 1));
  const planTop = follow(state.planTop, planIndex, layout.paneRows, model.plan.length);
  const findingsTop = clampTop(state.findingsTop, model.findings.length, layout.findingRows);
  const pathWidth = Math.min(30, Math.max(12, Math.floor(layout.rightWidth / 2)));
  const selected = model.plan[planIndex];
  const reason = selected ? wrap(`why: ${selected.provenance?.reason ?? 'the chart default'}`, size.columns - 2).slice(0, layout.sourceRows - 1) : [];

  return (
    <Box flexDirection="column" width={size.columns}>
      <Text wrap="truncate-end">
        <Text bold>{title}</Text>
        {summary?.spof ? <Text color={theme.spof} bold>{' · ● SPOF'}</Text> : null}
        {summary?.severity ? <Text color={theme.severity[summary.severity]}>{` · ${summary.severity.toUpperCase()}`}</Text> : null}
      </Text>
      <Box>
        <PaneTitle title="AWS today" focused={focus('aws')} width={layout.leftWidth} />
        <Text> </Text>
        <PaneTitle title={model.planError ? 'Kubernetes plan' : `Kubernetes plan (${model.plan.length} values)`} focused={focus('plan')} width={layout.rightWidth} />
      </Box>
      <Box height={layout.paneRows}>
        <Box flexDirection="column" width={layout.leftWidth}>
          {model.aws.slice(awsTop, awsTop + layout.paneRows).map((line, i) => (
            <Text key={awsTop + i} color={toneColour(theme, line.tone)} dimColor={line.tone === 'muted'} wrap="truncate-end">
              {truncate(`${'  '.repeat(line.depth)}${line.text}`, layout.leftWidth)}
            </Text>
          ))}
        </Box>
        <Text> </Text>
        <Box flexDirection="column" width={layout.rightWidth}>
          {model.planError ? (
            <Text color={theme.error}>{wrap(`No plan: ${model.planError}`, layout.rightWidth).join('\n')}</Text>
          ) : (
            model.plan.slice(planTop, planTop + layout.paneRows).map((row, i) => {
              const isSelected = planTop + i === planIndex;
              return (
                <Text key={row.path} inverse={isSelected && focus('plan')} wrap="truncate-end">
                  {truncate(`${isSelected ? '›' : ' '}${row.provenance?.source === 'decision' ? '✎' : ' '}${fit(row.path, pathWidth)} ${row.value}`, layout.rightWidth)}
                </Text>
              );
            })
          )}
        </Box>
      </Box>
      <Box flexDirection="column" height={layout.sourceRows}>
        {selected ? (
          <>
            <Text wrap="truncate-end">
              <Text bold>{`${selected.path} = ${selected.value}`}</Text>
              <Text color={theme.accent}>{` ← ${sourceLine(selected.provenance)}`}</Text>
            </Text>
            {reason.map((line, i) => (
              <Text key={i} dimColor wrap="truncate-end">{`  ${line}`}</Text>
            ))}
          </>
        ) : null}
      </Box>
      <PaneTitle title={`Findings (${summary?.findings ?? 0})${model.tasks ? ` · to do and review (${model.tasks})` : ''}`} focused={focus('findings')} width={size.columns} />
      <Box flexDirection="column" height={layout.findingRows}>
        {model.findings.slice(findingsTop, findingsTop + layout.findingRows).map((line, i) => (
          <Text
            key={findingsTop + i}
            color={line.severity ? theme.severity[line.severity] : toneColour(theme, line.tone)}
            bold={line.severity !== undefined}
            dimColor={line.tone === 'muted'}
            wrap="truncate-end"
          >
            {line.text || ' '}
          </Text>
        ))}
      </Box>
    </Box>
  );
}

export interface DetailProps {
  state: DetailState;
  data: WizardData;
  derive: Derive;
  workloadId: string;
  decision: WorkloadDecision | undefined;
  size: TerminalSize;
}

export function Detail({ state, data, derive, workloadId, decision, size }: DetailProps) {
  const model = useDetail(data, derive, workloadId, decision, detailLayout(size).findingWidth);
  return <DetailView state={state} model={model} workloadId={workloadId} size={size} />;
}
