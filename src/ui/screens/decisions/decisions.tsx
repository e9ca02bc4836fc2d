/**
 * The decisions for one workload: each field with its value, kubelift's
 * default and why; invalid typed values are refused in place with the reason.
 *
 * @example
 * ```
 * Decisions for checkout-api · plan.yaml records what differs from the default
 *    FIELD               VALUE                     DEFAULT
 * › ✎ Replicas           3                         2
 *     Autoscaling (HPA)  off                       off
 * Replicas: default 2 ← AWS AutoScalingGroup checkout-asg · DesiredCapacity
 *   why: at least two replicas, so one pod or node can fail
 * ```
 */
import { Box, Text } from 'ink';
import type { WorkloadDecision } from '../../../plan/types.js';
import type { Derive } from '../../derive.js';
import { TextInput } from '../../components/text-input.js';
import { useTheme } from '../../theme.js';
import { fit, wrap } from '../../text.js';
import type { DecisionsState } from './state.js';
import { useDecisions, type DecisionsModel } from './use-decisions.js';

export interface DecisionsViewProps {
  state: DecisionsState;
  model: DecisionsModel;
  workloadId: string;
  width: number;
  height: number;
}

export function DecisionsView({ state, model, workloadId, width, height }: DecisionsViewProps) {
  const theme = useTheme();
  if (model.error) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text bold>{`Decisions for ${workloadId}`}</Text>
        <Text color={theme.error}>{wrap(`This workload could not be planned, so there is nothing to decide: ${model.error}`, width).join('\n')}</Text>
      </Box>
    );
  }
  const labelWidth = 20;
  const valueWidth = Math.max(10, Math.floor((width - labelWidth - 4) / 2));
  const field = model.fields[state.cursor];
  const explain: { text: string; colour?: string | undefined; dim?: boolean; bold?: boolean }[] = [];
  if (field) {
    explain.push({ text: `${field.label}: default ${field.defaultValue} ← ${field.source}`, bold: true });
    for (const line of wrap(`why: ${field.why}`, width - 2)) explain.push({ text: `  ${line}`, dim: true });
    if (field.inactive) for (const line of wrap(`○ ${field.inactive}`, width - 2)) explain.push({ text: `  ${line}`, dim: true });
    if (field.warning) for (const line of wrap(`⚠ ${field.warning}`, width - 2)) explain.push({ text: `  ${line}`, colour: theme.warn });
    if (state.notice && !state.editing) for (const line of wrap(`✗ ${state.notice}`, width - 2)) explain.push({ text: `  ${line}`, colour: theme.error, bold: !theme.color });
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">{`Decisions for ${workloadId} · plan.yaml records what differs from kubelift's default`}</Text>
      <Text dimColor wrap="truncate-end">{`    ${fit('FIELD', labelWidth)} ${fit('VALUE', valueWidth)} DEFAULT`}</Text>
      {model.fields.map((f, i) => {
        const selected = i === state.cursor;
        const changed = f.decided;
        return (
          <Text key={f.id} inverse={selected} dimColor={f.inactive !== undefined && !selected} wrap="truncate-end">
            {selected ? '›' : ' '}
            {changed ? <Text color={theme.accent}>{' ✎ '}</Text> : '   '}
            {`${fit(f.label, labelWidth)} `}
            <Text bold={changed}>{fit(f.value, valueWidth)}</Text>
            {` ${f.defaultValue}`}
          </Text>
        );
      })}
      <Text> </Text>
      {state.editing ? (
        <TextInput label={`${field?.label ?? 'Value'}:`} field={state.editing.text} error={state.editing.error} width={width} />
      ) : null}
      {explain.map((line, i) => (
        <Text key={i} color={line.colour} dimColor={line.dim} bold={line.bold} wrap="truncate-end">
          {line.text}
        </Text>
      ))}
    </Box>
  );
}

export interface DecisionsProps {
  state: DecisionsState;
  derive: Derive;
  workloadId: string;
  decision: WorkloadDecision | undefined;
  width: number;
  height: number;
}

export function Decisions({ state, derive, workloadId, decision, width, height }: DecisionsProps) {
  const model = useDecisions(derive, workloadId, decision);
  return <DecisionsView state={state} model={model} workloadId={workloadId} width={width} height={height} />;
}
