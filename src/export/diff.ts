/**
 * What changed between two snapshots (resources added, removed, changed) or
 * two JSON reports (findings new and resolved, workloads whose SPOF verdict
 * moved). Pure: takes parsed documents, returns a sorted, deterministic diff.
 */
import { RESOURCE_TYPES, resourceId, type AwsResource, type Snapshot } from '../snapshot/types.js';

export interface ResourceChange {
  type: string;
  accountId: string;
  region: string;
  id: string;
  /** Top-level AWS fields whose values differ (changed resources only). */
  fields?: string[];
}

export interface SnapshotDiff {
  kind: 'snapshot';
  added: ResourceChange[];
  removed: ResourceChange[];
  changed: ResourceChange[];
}

interface ReportFinding {
  id: string;
  ruleId: string;
  severity: string;
  spof?: boolean;
  title?: string;
  workloadId?: string;
  resource?: { type?: string; id?: string };
}

interface ReportWorkload {
  id: string;
  name?: string;
  spof?: boolean;
}

/** The parts of a JSON report (schemaVersion 1) that diff reads. */
export interface ReportLike {
  schemaVersion: number;
  findings: ReportFinding[];
  workloads: ReportWorkload[];
}

export interface ReportDiff {
  kind: 'report';
  newFindings: ReportFinding[];
  resolvedFindings: ReportFinding[];
  /** Workloads whose SPOF verdict changed, or that appeared or disappeared. */
  workloads: { id: string; before: boolean | null; after: boolean | null }[];
}

export type Diff = SnapshotDiff | ReportDiff;

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function indexSnapshot(snapshot: Snapshot): Map<string, { change: ResourceChange; resource: AwsResource }> {
  const index = new Map<string, { change: ResourceChange; resource: AwsResource }>();
  for (const type of RESOURCE_TYPES) {
    for (const resource of snapshot.resources[type] ?? []) {
      const change = { type, accountId: resource.accountId, region: resource.region, id: resourceId(type, resource) };
      index.set(`${type}|${change.accountId}|${change.region}|${change.id}`, { change, resource });
    }
  }
  return index;
}

const byKey = (a: ResourceChange, b: ResourceChange): number =>
  a.type.localeCompare(b.type) || a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.id.localeCompare(b.id);

/** Resources added, removed and changed between two snapshots. */
export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotDiff {
  const old = indexSnapshot(before);
  const now = indexSnapshot(after);
  const added: ResourceChange[] = [];
  const removed: ResourceChange[] = [];
  const changed: ResourceChange[] = [];
  for (const [key, entry] of now) {
    const previous = old.get(key);
    if (!previous) {
      added.push(entry.change);
      continue;
    }
    const fields = [...new Set([...Object.keys(previous.resource), ...Object.keys(entry.resource)])]
      .filter((field) => stable(previous.resource[field]) !== stable(entry.resource[field]))
      .sort();
    if (fields.length) changed.push({ ...entry.change, fields });
  }
  for (const [key, entry] of old) if (!now.has(key)) removed.push(entry.change);
  return { kind: 'snapshot', added: added.sort(byKey), removed: removed.sort(byKey), changed: changed.sort(byKey) };
}

/** Findings that appeared or were resolved, and workloads whose SPOF verdict moved. */
export function diffReports(before: ReportLike, after: ReportLike): ReportDiff {
  const oldFindings = new Map(before.findings.map((f) => [f.id, f]));
  const newFindings = new Map(after.findings.map((f) => [f.id, f]));
  const byId = (a: ReportFinding, b: ReportFinding): number => a.id.localeCompare(b.id);
  const oldWorkloads = new Map(before.workloads.map((w) => [w.id, Boolean(w.spof)]));
  const newWorkloads = new Map(after.workloads.map((w) => [w.id, Boolean(w.spof)]));
  const workloads: ReportDiff['workloads'] = [];
  for (const id of [...new Set([...oldWorkloads.keys(), ...newWorkloads.keys()])].sort()) {
    const was = oldWorkloads.has(id) ? oldWorkloads.get(id)! : null;
    const is = newWorkloads.has(id) ? newWorkloads.get(id)! : null;
    if (was !== is) workloads.push({ id, before: was, after: is });
  }
  return {
    kind: 'report',
    newFindings: after.findings.filter((f) => !oldFindings.has(f.id)).sort(byId),
    resolvedFindings: before.findings.filter((f) => !newFindings.has(f.id)).sort(byId),
    workloads,
  };
}

/** True when the diff found nothing. */
export function isEmptyDiff(diff: Diff): boolean {
  return diff.kind === 'snapshot'
    ? diff.added.length + diff.removed.length + diff.changed.length === 0
    : diff.newFindings.length + diff.resolvedFindings.length + diff.workloads.length === 0;
}

/** A readable summary for a terminal or a planning document. */
export function renderDiffText(diff: Diff): string {
  const lines: string[] = [];
  const where = (c: ResourceChange): string => `${c.type} ${c.id} (${c.accountId} ${c.region})`;
  if (diff.kind === 'snapshot') {
    lines.push(`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`);
    for (const c of diff.added) lines.push(`+ ${where(c)}`);
    for (const c of diff.removed) lines.push(`- ${where(c)}`);
    for (const c of diff.changed) lines.push(`~ ${where(c)}: ${c.fields?.join(', ')}`);
  } else {
    lines.push(`${diff.newFindings.length} new finding(s), ${diff.resolvedFindings.length} resolved, ${diff.workloads.length} workload verdict change(s)`);
    const finding = (f: ReportFinding): string => `${f.severity}${f.spof ? ' SPOF' : ''} ${f.ruleId} on ${f.resource?.id ?? '?'}${f.workloadId ? ` [${f.workloadId}]` : ''}`;
    for (const f of diff.newFindings) lines.push(`+ ${finding(f)}`);
    for (const f of diff.resolvedFindings) lines.push(`- ${finding(f)}`);
    const verdict = (v: boolean | null): string => (v === null ? 'absent' : v ? 'SPOF' : 'no SPOF');
    for (const w of diff.workloads) lines.push(`~ workload ${w.id}: ${verdict(w.before)} → ${verdict(w.after)}`);
  }
  return `${lines.join('\n')}\n`;
}
