/**
 * The overview: the estate at a glance.
 *
 * @example
 * ```
 * Estate      demo estate · scan of 2026-01-15T09:00:00.000Z
 * Accounts    111111111111, 222222222222
 * Coverage    complete: every service answered in every region
 * Findings    0 critical · 4 high · 3 medium · 1 low · 2 info
 * SPOFs       3 workload(s) have a single point of failure; first to look at:
 *             ● checkout-api · HIGH · 3 finding(s)
 * Readiness   2 ready · 4 needs work · 3 blocked · average 61
 * ```
 */
import { Box, Text } from 'ink';
import type { WorkloadDecision } from '../../../plan/types.js';
import { SEVERITIES } from '../../../rules/types.js';
import type { WizardData } from '../../data.js';
import type { Derive } from '../../derive.js';
import { clampTop } from '../../scroll.js';
import { useTheme } from '../../theme.js';
import { count, fit } from '../../text.js';
import { LABEL_WIDTH, type OverviewRow } from './model.js';
import { useOverviewRows, useReadinessSummary, type ReadinessSummary } from './use-overview.js';
import type { OverviewState } from './state.js';

/** The readiness line: the distribution, the average, and how far background scoring got. */
export function readinessText(summary: ReadinessSummary): string {
  const parts = summary.labels.map((l) => `${count(l.count)} ${l.label}`);
  if (summary.average !== undefined) parts.push(`average ${Math.round(summary.average)}`);
  if (summary.failed) parts.push(`${count(summary.failed)} could not be planned`);
  if (summary.scored < summary.total) parts.push(`scoring ${count(summary.scored)}/${count(summary.total)}…`);
  if (parts.length === 0) return summary.total === 0 ? 'no workloads' : 'no readiness score available';
  return parts.join(' · ');
}

export interface OverviewViewProps {
  rows: OverviewRow[];
  readiness: ReadinessSummary;
  findingsBySeverity: WizardData['overview']['findingsBySeverity'];
  top: number;
  width: number;
  height: number;
}

export function OverviewView({ rows, readiness, findingsBySeverity, top, width, height }: OverviewViewProps) {
  const theme = useTheme();
  const first = clampTop(top, rows.length, height);
  const tones = { ok: theme.ok, warn: theme.warn, error: theme.error, spof: theme.spof, muted: undefined };
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.slice(first, first + height).map((row, i) => {
        const key = first + i;
        if (row.kind === 'severity') {
          return (
            <Text key={key} wrap="truncate-end">
              <Text bold>{fit('Findings', LABEL_WIDTH)}</Text>
              {SEVERITIES.map((s, n) => (
                <Text key={s} color={findingsBySeverity[s] > 0 ? theme.severity[s] : undefined}>
                  {`${n > 0 ? ' · ' : ''}${count(findingsBySeverity[s])} ${s}`}
                </Text>
              ))}
            </Text>
          );
        }
        if (row.kind === 'readiness') {
          return (
            <Text key={key} wrap="truncate-end">
              <Text bold>{fit('Readiness', LABEL_WIDTH)}</Text>
              {readinessText(readiness)}
            </Text>
          );
        }
        return (
          <Text key={key} wrap="truncate-end">
            <Text bold>{fit(row.label, LABEL_WIDTH)}</Text>
            <Text color={row.tone ? tones[row.tone] : undefined} dimColor={row.tone === 'muted'}>
              {row.text}
            </Text>
          </Text>
        );
      })}
    </Box>
  );
}

export interface OverviewProps {
  state: OverviewState;
  /** Changes when background planning has new insights. */
  version?: number;
  data: WizardData;
  derive: Derive;
  decisions: Record<string, WorkloadDecision>;
  decided: number;
  width: number;
  height: number;
}

export function Overview({ state, data, derive, decisions, decided, width, height, version = 0 }: OverviewProps) {
  const rows = useOverviewRows(data, width, decided);
  const readiness = useReadinessSummary(data, derive, decisions, version);
  return <OverviewView rows={rows} readiness={readiness} findingsBySeverity={data.overview.findingsBySeverity} top={state.top} width={width} height={height} />;
}
