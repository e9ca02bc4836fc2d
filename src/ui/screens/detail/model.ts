/** What the detail screen shows for one workload, computed once per workload, decision and width. */
import type { KubernetesPlan } from '../../../mapping/types.js';
import type { WorkloadDecision } from '../../../plan/types.js';
import type { Finding } from '../../../rules/types.js';
import type { WizardData, WorkloadSummary } from '../../data.js';
import { decisionKey, type Derive } from '../../derive.js';
import { planRows, type PlanRow } from '../../plan-values.js';
import { wrap } from '../../text.js';
import { awsTree, type Tone, type TreeLine } from './aws-tree.js';

export interface FindingLine {
  text: string;
  tone: Tone;
  severity: Finding['severity'] | undefined;
}

export interface DetailModel {
  summary: WorkloadSummary | undefined;
  /** Tasks a person must do (blocking ones first) and lossy conversions, from the plan. */
  tasks: number;
  aws: TreeLine[];
  plan: PlanRow[];
  planError: string | undefined;
  findings: FindingLine[];
}

/** What a person must do before the plan can go live, and the lossy conversions to review, as wrapped lines. */
export function taskLines(plan: KubernetesPlan | undefined, width: number): FindingLine[] {
  if (!plan) return [];
  const body = Math.max(10, width - 4);
  const lines: FindingLine[] = [];
  const tasks = plan.tasks ?? plan.todo.map((text) => ({ title: text, detail: '', blocking: false }));
  for (const task of tasks) {
    for (const [i, l] of wrap(`TO DO${task.blocking ? ' · BLOCKS THE MIGRATION' : ''} · ${task.title}`, width - 2).entries()) {
      lines.push({ text: i === 0 ? l : `  ${l}`, tone: task.blocking ? 'warn' : undefined, severity: undefined });
    }
    if (task.detail) for (const l of wrap(task.detail, body)) lines.push({ text: `    ${l}`, tone: 'muted', severity: undefined });
  }
  for (const warning of plan.warnings ?? []) {
    const [first, ...rest] = wrap(warning, body - 8);
    lines.push({ text: `REVIEW · ${first ?? ''}`, tone: undefined, severity: undefined });
    for (const l of rest) lines.push({ text: `         ${l}`, tone: undefined, severity: undefined });
  }
  return lines;
}

/** Findings as wrapped lines: the problem, the AWS fix and the Kubernetes equivalent of each. */
export function findingLines(findings: Finding[], width: number): FindingLine[] {
  if (findings.length === 0) return [{ text: 'No findings: no rule fired on this workload.', tone: 'muted', severity: undefined }];
  const lines: FindingLine[] = [];
  const body = Math.max(10, width - 4);
  for (const f of findings) {
    lines.push({ text: `${f.severity.toUpperCase()}${f.spof ? ' · SPOF' : ''} · ${f.title} [${f.ruleId}]`, tone: undefined, severity: f.severity });
    for (const l of wrap(f.message, body)) lines.push({ text: `    ${l}`, tone: undefined, severity: undefined });
    if (f.remediation) for (const [i, l] of wrap(`on AWS: ${f.remediation}`, body).entries()) lines.push({ text: `    ${i === 0 ? '' : '  '}${l}`, tone: 'muted', severity: undefined });
    const k8s = `on Kubernetes: ${f.kubernetes.equivalent}${f.kubernetes.remediation ? ` (${f.kubernetes.remediation})` : ''}`;
    for (const [i, l] of wrap(k8s, body).entries()) lines.push({ text: `    ${i === 0 ? '' : '  '}${l}`, tone: 'ok', severity: undefined });
  }
  return lines;
}

const cache = new WeakMap<Derive, { key: string; model: DetailModel }>();

export function detailModel(data: WizardData, derive: Derive, id: string, decision: WorkloadDecision | undefined, width: number): DetailModel {
  const key = `${id}\n${decisionKey(decision)}\n${width}`;
  const cached = cache.get(derive);
  if (cached && cached.key === key) return cached.model;
  const workload = data.workload(id);
  const result = derive.plan(id, decision);
  const model: DetailModel = {
    summary: data.summary(id),
    aws: workload ? awsTree(data.model, workload) : [{ depth: 0, text: `No workload ${id} in this snapshot.`, tone: 'error' }],
    plan: result.plan ? planRows(result.plan) : [],
    planError: result.error,
    tasks: (result.plan?.tasks ?? result.plan?.todo ?? []).length + (result.plan?.warnings ?? []).length,
    findings: [...findingLines(data.findingsOf(id), width), ...taskLines(result.plan, width)],
  };
  cache.set(derive, { key, model });
  return model;
}
