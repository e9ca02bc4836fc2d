/** The overview's lines: the estate at a glance, laid out for a width. */
import { SEVERITIES } from '../../../rules/types.js';
import type { WizardData } from '../../data.js';
import { count, wrap } from '../../text.js';

export type OverviewRow =
  | { kind: 'text'; label: string; text: string; tone?: 'ok' | 'warn' | 'error' | 'muted' | 'spof' }
  | { kind: 'severity' }
  | { kind: 'readiness' };

/** Width of the label column. */
export const LABEL_WIDTH = 12;

function typeLabel(type: string): string {
  return type.replace('AWS::ElasticLoadBalancingV2::', 'ELBv2 ').replace('AWS::ElasticLoadBalancing::', 'Classic ELB ').replace('AWS::AutoScaling::', '').replace('AWS::EC2::', '');
}

/** The overview's rows for a width; wrapped text continues on rows with an empty label. */
export function overviewRows(data: WizardData, width: number, decisions: number): OverviewRow[] {
  const facts = data.overview;
  const rows: OverviewRow[] = [];
  const textWidth = Math.max(10, width - LABEL_WIDTH);
  const add = (label: string, text: string, tone?: 'ok' | 'warn' | 'error' | 'muted' | 'spof'): void => {
    wrap(text, textWidth).forEach((line, i) => rows.push(tone ? { kind: 'text', label: i === 0 ? label : '', text: line, tone } : { kind: 'text', label: i === 0 ? label : '', text: line }));
  };
  add('Estate', `${facts.label} · ${facts.sourceKind} of ${facts.generatedAt}`);
  for (const notice of facts.notices) add('Note', notice, 'warn');
  add('Accounts', facts.accounts.join(', ') || 'none');
  add('Regions', facts.regions.join(', ') || 'none');
  if (facts.coverageGaps.length === 0) add('Coverage', 'complete: every service answered in every region', 'ok');
  else {
    add('Coverage', `${facts.coverageGaps.length} gap(s): rules that need this data report "unknown"`, 'warn');
    for (const gap of facts.coverageGaps) add('', `${gap.accountId} ${gap.region} ${gap.service}: ${gap.errorCode ?? 'error'}${gap.error ? ` (${gap.error})` : ''}`, 'warn');
  }
  add('Resources', facts.resourceCounts.map((r) => `${typeLabel(r.type)} ${count(r.count)}`).join(' · ') || 'none');
  const origins = [
    facts.origins['auto-scaling-group'] ? `${count(facts.origins['auto-scaling-group'])} Auto Scaling group(s)` : '',
    facts.origins['instance-group'] ? `${count(facts.origins['instance-group'])} instance group(s)` : '',
    facts.origins['standalone-instance'] ? `${count(facts.origins['standalone-instance'])} standalone instance(s)` : '',
  ].filter(Boolean);
  add('Workloads', `${count(facts.workloads)}${origins.length ? ` (${origins.join(', ')})` : ''}`);
  rows.push({ kind: 'severity' });
  if (facts.spofWorkloads === 0) add('SPOFs', 'no workload has a single point of failure', 'ok');
  else {
    add('SPOFs', `${count(facts.spofWorkloads)} workload(s) have a single point of failure; first to look at:`, 'spof');
    for (const w of facts.topSpofs) add('', `● ${w.id} · ${(w.severity ?? 'none').toUpperCase()} · ${w.findings} finding(s)`, 'spof');
  }
  rows.push({ kind: 'readiness' });
  const unknown = data.unknownDecisions.length;
  add('Decisions', `${decisions} workload(s) decided${unknown ? ` · ${unknown} decision(s) in plan.yaml name workloads not in this snapshot and will not be written back: ${data.unknownDecisions.slice(0, 3).join(', ')}${unknown > 3 ? ', …' : ''}` : ''}`, unknown ? 'warn' : undefined);
  return rows;
}

/** The findings-by-severity line. */
export function severityLine(data: WizardData): string {
  return SEVERITIES.map((s) => `${count(data.overview.findingsBySeverity[s])} ${s}`).join(' · ');
}
