/**
 * plan.yaml: read (validated, with file:line:column for every problem), checked
 * against the estate, and written (commented, deterministic, atomic). The
 * format is documented in docs/plan.md.
 */
import { readFile } from 'node:fs/promises';
import type { ValidateFunction } from 'ajv';
import { Document, isMap, isScalar, type Pair, type Scalar } from 'yaml';
import { InputError, type InputIssue } from '../errors.js';
import type { Model } from '../model/types.js';
import { writeFileAtomic } from '../snapshot/atomic-write.js';
import { schemaValidator } from '../snapshot/json-schema.js';
import type { Snapshot } from '../snapshot/types.js';
import { PLAN_FILE_VERSION, type PlanFile, type WorkloadDecision } from './types.js';
import { jsonPath, locate, parseYaml, schemaIssues, type ParsedYaml } from './yaml-input.js';

async function validate(): Promise<ValidateFunction<PlanFile>> {
  return (await schemaValidator<PlanFile>('plan')).validate;
}

/** A plan file as read: the decisions, and where each workload's entry is in the file. */
export interface LoadedPlan {
  plan: PlanFile;
  file: string;
  /** Line and column of a workload's entry. */
  positionOf(workloadId: string): { line: number; column: number } | undefined;
}

function fail(file: string, issues: InputIssue[]): never {
  const first = issues[0] as InputIssue;
  throw new InputError(issues.length === 1 ? `${file}:${first.line ?? 1}:${first.column ?? 1}: ${first.message}` : `${issues.length} problems in plan file ${file}`, {
    code: 'E_INPUT_PLAN',
    issues: issues.length === 1 ? [] : issues,
    location: { file, line: first.line, column: first.column, path: first.path },
    hint: 'The plan.yaml format is described in docs/plan.md.',
  });
}

/** Parses plan.yaml text; every problem (YAML, schema, contradictions) is reported in one InputError E_INPUT_PLAN. */
export async function parsePlanFile(text: string, file: string): Promise<LoadedPlan> {
  const issues: InputIssue[] = [];
  const parsed = parseYaml(text, file, issues);
  if (!parsed) fail(file, issues);
  const data = parsed.doc.toJS() as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail(file, [{ file, line: 1, column: 1, path: '$', message: text.trim() === '' ? 'the file is empty; expected a plan (version: 1, workloads: …)' : 'expected a mapping with version and workloads' }]);
  const check = await validate();
  if (!check(data)) fail(file, schemaIssues(check, parsed, file));
  const plan = data as PlanFile;
  for (const [id, decision] of Object.entries(plan.workloads)) {
    const a = decision.autoscaling;
    if (a?.minReplicas !== undefined && a.maxReplicas !== undefined && a.maxReplicas <= a.minReplicas) {
      const segments = ['workloads', id, 'autoscaling', 'maxReplicas'];
      issues.push({ file, ...locate(parsed, segments), path: jsonPath(segments), message: `workloads.${id}.autoscaling.maxReplicas (${a.maxReplicas}) must be greater than minReplicas (${a.minReplicas})` });
    }
    if (decision.replicas === 1 && decision.autoscaling?.enabled) {
      const segments = ['workloads', id, 'replicas'];
      issues.push({ file, ...locate(parsed, segments), path: jsonPath(segments), message: `workloads.${id}: replicas 1 makes a singleton, which cannot autoscale; drop one of replicas and autoscaling` });
    }
    if (decision.class === 'singleton' && decision.replicas !== undefined && decision.replicas > 1) {
      const segments = ['workloads', id, 'replicas'];
      issues.push({ file, ...locate(parsed, segments), path: jsonPath(segments), message: `workloads.${id}: class singleton runs exactly one pod, not ${decision.replicas}` });
    }
  }
  if (issues.length > 0) fail(file, issues);
  return { plan, file, positionOf: (id) => positionIn(parsed, id) };
}

function positionIn(parsed: ParsedYaml, id: string): { line: number; column: number } | undefined {
  return isMap(parsed.doc.contents) ? locate(parsed, ['workloads', id], true) : undefined;
}

/** Reads and validates plan.yaml. */
export async function readPlanFile(path: string): Promise<LoadedPlan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a plan file' : `cannot be read (${code ?? String(error)})`}`, { code: 'E_INPUT_PLAN', location: { file: path }, hint: 'Write one with `kubelift plan`, or see docs/plan.md.' });
  }
  return parsePlanFile(text, path);
}

/** The closest id by edit distance, for "did you mean". */
function closest(id: string, candidates: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0] as number;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j] as number;
        row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length] as number;
  };
  let best: { id: string; d: number } | undefined;
  for (const c of [...candidates].sort()) {
    const d = distance(id, c);
    if (d <= Math.max(2, Math.floor(id.length / 3)) && (!best || d < best.d)) best = { id: c, d };
  }
  return best?.id;
}

/**
 * Workload ids the plan names that the estate does not have. A decision that
 * silently applies to nothing would surprise its author, so `export` treats
 * these as errors (E_INPUT_PLAN); the wizard may show them as warnings.
 */
export function unknownWorkloads(loaded: LoadedPlan, model: Model): InputIssue[] {
  const ids = model.workloads.map((w) => w.id);
  const known = new Set(ids);
  return Object.keys(loaded.plan.workloads)
    .filter((id) => !known.has(id))
    .sort()
    .map((id) => {
      const guess = closest(id, ids);
      return { file: loaded.file, ...loaded.positionOf(id), path: jsonPath(['workloads', id]), message: `workload '${id}' is not in the snapshot${guess ? ` (did you mean '${guess}'?)` : ''}` };
    });
}

/** Throws E_INPUT_PLAN when the plan names workloads the estate does not have. */
export function assertPlanMatches(loaded: LoadedPlan, model: Model): void {
  const issues = unknownWorkloads(loaded, model);
  if (issues.length === 0) return;
  const first = issues[0] as InputIssue;
  throw new InputError(issues.length === 1 ? `${loaded.file}:${first.line ?? 1}:${first.column ?? 1}: ${first.message}` : `${loaded.file}: ${issues.length} workloads are not in the snapshot`, {
    code: 'E_INPUT_PLAN',
    issues: issues.length === 1 ? [] : issues,
    location: { file: loaded.file, line: first.line, column: first.column, path: first.path },
    hint: 'Remove those entries from the plan, or pass the snapshot the plan was made on.',
  });
}

/** A warning when the plan was made on another snapshot (different accounts, regions or time). */
export function snapshotMismatch(plan: PlanFile, snapshot: Snapshot): string | undefined {
  const recorded = plan.snapshot;
  if (!recorded) return undefined;
  const differs: string[] = [];
  if (recorded.generatedAt && recorded.generatedAt !== snapshot.generatedAt) differs.push(`taken at ${recorded.generatedAt}, this one at ${snapshot.generatedAt}`);
  const same = (a: string[] | undefined, b: string[]) => !a || JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  if (!same(recorded.accounts, snapshot.source.accounts)) differs.push(`accounts ${recorded.accounts?.join(', ')} vs ${snapshot.source.accounts.join(', ')}`);
  if (!same(recorded.regions, snapshot.source.regions)) differs.push(`regions ${recorded.regions?.join(', ')} vs ${snapshot.source.regions.join(', ')}`);
  return differs.length > 0 ? `the plan was made on another snapshot (${differs.join('; ')}); its decisions are applied where the workload ids match` : undefined;
}

const DECISION_ORDER: (keyof WorkloadDecision)[] = ['include', 'class', 'kind', 'replicas', 'autoscaling', 'ingressClass', 'image', 'note'];

function sortedDecision(decision: WorkloadDecision): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of DECISION_ORDER) {
    const value = decision[key];
    if (value === undefined) continue;
    if (key === 'autoscaling' && typeof value === 'object') {
      const a = value as NonNullable<WorkloadDecision['autoscaling']>;
      out[key] = { enabled: a.enabled, ...(a.minReplicas !== undefined ? { minReplicas: a.minReplicas } : {}), ...(a.maxReplicas !== undefined ? { maxReplicas: a.maxReplicas } : {}) };
    } else if (key === 'image' && typeof value === 'object') {
      const i = value as NonNullable<WorkloadDecision['image']>;
      out[key] = { repository: i.repository, ...(i.tag !== undefined ? { tag: i.tag } : {}) };
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * plan.yaml text: keys in a fixed order, workloads sorted by id, each
 * commented with the workload's name and origin when the model is given.
 */
export function serializePlanFile(plan: PlanFile, model?: Model): string {
  const data: Record<string, unknown> = { version: PLAN_FILE_VERSION };
  if (plan.snapshot) {
    const s = plan.snapshot;
    data.snapshot = { ...(s.generatedAt ? { generatedAt: s.generatedAt } : {}), ...(s.accounts ? { accounts: [...s.accounts].sort() } : {}), ...(s.regions ? { regions: [...s.regions].sort() } : {}) };
  }
  if (plan.defaults && Object.keys(plan.defaults).length > 0) data.defaults = { ...plan.defaults };
  const workloads: Record<string, unknown> = {};
  for (const id of Object.keys(plan.workloads).sort()) workloads[id] = sortedDecision(plan.workloads[id] as WorkloadDecision);
  data.workloads = workloads;
  const doc = new Document(data);
  doc.commentBefore = ' kubelift migration plan: the decisions made for each workload (format: docs/plan.md).\n An absent field keeps kubelift\'s default; `kubelift export --plan plan.yaml` applies the rest.';
  const contents = doc.contents;
  if (isMap(contents) && model) {
    const byId = new Map(model.workloads.map((w) => [w.id, w]));
    const list = contents.items.find((p: Pair) => isScalar(p.key) && (p.key as Scalar).value === 'workloads')?.value;
    if (isMap(list)) {
      for (const pair of list.items) {
        const w = byId.get(String((pair.key as Scalar).value));
        if (w) (pair.key as Scalar).commentBefore = ` ${w.name} (${w.origin}, ${w.accountId} ${w.region})`;
      }
    }
  }
  return doc.toString({ indent: 2, lineWidth: 0 });
}

/** Writes plan.yaml atomically; an existing file is kept unless `force`. */
export async function writePlanFile(path: string, plan: PlanFile, options: { force?: boolean; model?: Model } = {}): Promise<void> {
  await writeFileAtomic(path, serializePlanFile(plan, options.model), { force: options.force });
}
