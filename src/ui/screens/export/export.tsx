/**
 * Export: choose the folder, confirm before overwriting, write values,
 * plan.yaml and the JSON report, and say what was written.
 *
 * @example
 * ```
 * Export 7 workload(s) (2 skipped) with 3 decision(s)
 * Folder: kubelift-out▏
 * Writes <folder>/<workload>/values.yaml, <folder>/plan.yaml and <folder>/report.json.
 * ```
 */
import { Box, Text } from 'ink';
import type { WizardIo } from '../../data.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { TextInput } from '../../components/text-input.js';
import { clampTop } from '../../scroll.js';
import { useTheme } from '../../theme.js';
import { count, wrap } from '../../text.js';
import type { PlanFile } from '../../../plan/types.js';
import type { ExportAction, ExportState } from './state.js';
import { useExport } from './use-export.js';

export interface ExportViewProps {
  state: ExportState;
  /** Decisions from the resumed plan.yaml for workloads this snapshot lacks: not written back. */
  dropped?: string[];
  /** Workloads that will be written, and skipped. */
  included: number;
  skipped: number;
  decided: number;
  width: number;
  height: number;
}

export function ExportView({ state, dropped = [], included, skipped, decided, width, height }: ExportViewProps) {
  const theme = useTheme();
  const heading = `Export ${count(included)} workload(s)${skipped ? ` (${count(skipped)} skipped)` : ''} with ${count(decided)} decision(s)`;
  const rows = Math.max(1, height - 3);
  const top = clampTop(state.top, state.written.length, rows);
  const planFile = state.written.find((file) => /(^|[\\/])plan\.ya?ml$/.test(file));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {heading}
      </Text>
      {state.phase === 'input' || state.phase === 'failed' ? (
        <>
          <TextInput label="Folder:" field={state.dir} error={state.phase === 'input' ? state.error : undefined} width={width} />
          <Text dimColor>{wrap('Writes <folder>/<workload>/values.yaml for each included workload, <folder>/plan.yaml with your decisions, and <folder>/report.json. Existing files are only replaced after you confirm.', width).join('\n')}</Text>
          {dropped.length > 0 ? (
            <Text color={theme.warn}>{wrap(`Not carried over: decisions for ${dropped.length} workload(s) this snapshot does not have (${dropped.slice(0, 3).join(', ')}${dropped.length > 3 ? ', …' : ''}).`, width).join('\n')}</Text>
          ) : null}
        </>
      ) : (
        <Text wrap="truncate-end">{`Folder: ${state.dir.value}`}</Text>
      )}
      {state.phase === 'failed' ? <Text color={theme.error} bold={!theme.color}>{wrap(`✗ Nothing was written: ${state.error ?? 'unknown error'}`, width).join('\n')}</Text> : null}
      {state.phase === 'checking' ? <Text dimColor>Looking for files that would be replaced…</Text> : null}
      {state.phase === 'writing' ? <Text dimColor>Writing…</Text> : null}
      {state.phase === 'confirm' ? (
        <ConfirmDialog
          title={`${count(state.existing.length)} file(s) already exist and would be replaced:`}
          lines={state.existing}
          choices={['y overwrite them', 'n keep them (change the folder)']}
          width={width}
          maxLines={Math.max(1, height - 6)}
        />
      ) : null}
      {state.phase === 'done' ? (
        <>
          <Text color={theme.ok} bold wrap="truncate-end">
            {`✓ Wrote ${count(state.written.length)} file(s)${planFile ? `; to resume, run plan with --plan ${planFile}` : ''}`}
          </Text>
          {state.written.slice(top, top + rows).map((file, i) => (
            <Text key={top + i} wrap="truncate-end">{`  ${file}`}</Text>
          ))}
        </>
      ) : null}
    </Box>
  );
}

export interface ExportProps {
  state: ExportState;
  dropped?: string[];
  io: WizardIo;
  plan: () => PlanFile;
  dispatch: (action: ExportAction) => void;
  included: number;
  skipped: number;
  decided: number;
  width: number;
  height: number;
}

export function Export({ state, dropped, io, plan, dispatch, included, skipped, decided, width, height }: ExportProps) {
  useExport(state, io, plan, dispatch);
  return <ExportView state={state} dropped={dropped ?? []} included={included} skipped={skipped} decided={decided} width={width} height={height} />;
}
