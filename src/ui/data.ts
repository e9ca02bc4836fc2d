/**
 * What the wizard is given, and the read-only facts it prepares once from it.
 * The wizard never reads files or the network: the pipeline's results come in
 * as `WizardInput`, the pure steps it re-runs on a decision (mapping, values,
 * readiness) as `WizardServices`, and file writing as `WizardIo` callbacks.
 */
import type { Model, Workload, WorkloadOrigin } from '../model/types.js';
import type { KubernetesPlan, WorkloadClass } from '../mapping/types.js';
import { PLAN_FILE_VERSION, type PlanFile, type WorkloadDecision } from '../plan/types.js';
import { findingsByWorkload } from '../rules/findings.js';
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';
import { RESOURCE_TYPES, type CoverageRecord, type ResourceType } from '../snapshot/types.js';

/** A migration-readiness score for a workload, as the plan step computes it. */
export interface Readiness {
  /** 0–100. */
  score: number;
  /** A word for people ("ready", "needs work", "blocked"). */
  label: string;
  /** What lowers the score, most important first. */
  reasons: string[];
}

/** The pure steps the wizard re-runs when a decision changes. */
export interface WizardServices {
  /** The Kubernetes plan of a workload, with a decision applied when given. */
  planFor(workload: Workload, findings: Finding[], decision: WorkloadDecision | undefined, defaults: PlanFile['defaults']): KubernetesPlan;
  /** The values.yaml text `export` writes for a plan. */
  valuesYaml(plan: KubernetesPlan): string;
  /** The readiness score of a plan, when the plan step offers one. */
  readiness(workload: Workload, plan: KubernetesPlan, findings: Finding[]): Readiness | undefined;
}

/** File writing, done by the command that started the wizard. */
export interface WizardIo {
  /** The files that writing this plan to `dir` would replace, so the wizard can ask first. */
  existing(dir: string, plan: PlanFile): Promise<string[]>;
  /** Writes values, plan.yaml and the JSON report for the plan; resolves to the files written. */
  write(dir: string, plan: PlanFile, options: { force: boolean }): Promise<string[]>;
}

/** The pipeline's results the wizard starts from. */
export interface WizardInput {
  model: Model;
  findings: Finding[];
  /** Ids of the workloads that have a single point of failure. */
  spofWorkloads: Iterable<string>;
  /** Decisions to resume from (`--plan plan.yaml`). */
  plan?: PlanFile;
  /** What the estate is, for the header: `demo estate`, `snapshot.json`. */
  label: string;
  /** The folder the export screen proposes. */
  exportDir: string;
  /** Things to know before deciding (the plan was made on another snapshot…), shown on the overview. */
  notices?: string[];
}

/** One row of the workload list: everything that is cheap to know for all workloads at once. */
export interface WorkloadSummary {
  id: string;
  name: string;
  origin: WorkloadOrigin;
  accountId: string;
  region: string;
  spof: boolean;
  /** The highest severity among the workload's findings. */
  severity: Severity | undefined;
  findings: number;
  /** Lower-case text the `/` filter matches. */
  search: string;
}

/** The estate at a glance, for the overview. */
export interface OverviewFacts {
  label: string;
  generatedAt: string;
  sourceKind: string;
  accounts: string[];
  regions: string[];
  coverageGaps: CoverageRecord[];
  resourceCounts: { type: ResourceType; count: number }[];
  findingsBySeverity: Record<Severity, number>;
  workloads: number;
  origins: Record<WorkloadOrigin, number>;
  spofWorkloads: number;
  /** The SPOF workloads to look at first (highest severity, then id). */
  topSpofs: WorkloadSummary[];
  notices: string[];
}

/** The prepared, read-only data every screen reads. */
export interface WizardData {
  label: string;
  exportDir: string;
  model: Model;
  /** Sorted by id. */
  workloads: WorkloadSummary[];
  summary(id: string): WorkloadSummary | undefined;
  workload(id: string): Workload | undefined;
  /** A workload's findings, most severe first. */
  findingsOf(id: string): Finding[];
  overview: OverviewFacts;
  initialDecisions: Record<string, WorkloadDecision>;
  defaults: PlanFile['defaults'];
  /** Decisions in the resumed plan.yaml for workloads this snapshot does not have; shown, and not written back. */
  unknownDecisions: string[];
}

/** Index of a severity: 0 is critical; no severity sorts last. */
export function severityRank(severity: Severity | undefined): number {
  return severity === undefined ? SEVERITIES.length : SEVERITIES.indexOf(severity);
}

function compareFindings(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || Number(b.spof) - Number(a.spof) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Prepares the wizard's data; linear in the size of the estate, so the first frame stays fast. */
export function prepareWizardData(input: WizardInput): WizardData {
  const { model } = input;
  const spof = new Set(input.spofWorkloads);
  const byId = new Map(model.workloads.map((w) => [w.id, w]));
  const ownFindings = findingsByWorkload(input.findings);
  for (const list of ownFindings.values()) list.sort(compareFindings);

  const workloads: WorkloadSummary[] = model.workloads.map((w) => {
    const findings = ownFindings.get(w.id) ?? [];
    const isSpof = spof.has(w.id) || findings.some((f) => f.spof);
    const severity = findings[0]?.severity;
    return {
      id: w.id,
      name: w.name,
      origin: w.origin,
      accountId: w.accountId,
      region: w.region,
      spof: isSpof,
      severity,
      findings: findings.length,
      search: `${w.id} ${w.name} ${w.region} ${w.accountId} ${w.origin} ${severity ?? ''} ${isSpof ? 'spof' : ''}`.toLowerCase(),
    };
  });
  workloads.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const summaries = new Map(workloads.map((w) => [w.id, w]));

  const decisions = input.plan?.workloads ?? {};
  const initialDecisions: Record<string, WorkloadDecision> = {};
  const unknownDecisions: string[] = [];
  for (const id of Object.keys(decisions).sort()) {
    initialDecisions[id] = structuredClone(decisions[id] as WorkloadDecision);
    if (!byId.has(id)) unknownDecisions.push(id);
  }

  return {
    label: input.label,
    exportDir: input.exportDir,
    model,
    workloads,
    summary: (id) => summaries.get(id),
    workload: (id) => byId.get(id),
    findingsOf: (id) => ownFindings.get(id) ?? [],
    overview: overviewFacts(input, workloads),
    initialDecisions,
    defaults: input.plan?.defaults,
    unknownDecisions,
  };
}

function overviewFacts(input: WizardInput, workloads: WorkloadSummary[]): OverviewFacts {
  const { snapshot } = input.model;
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of input.findings) findingsBySeverity[finding.severity]++;
  const origins: Record<WorkloadOrigin, number> = { 'auto-scaling-group': 0, 'instance-group': 0, 'standalone-instance': 0 };
  for (const w of workloads) origins[w.origin]++;
  const spofs = workloads.filter((w) => w.spof);
  const topSpofs = [...spofs].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.findings - a.findings || (a.id < b.id ? -1 : 1)).slice(0, 5);
  const gaps = snapshot.coverage
    .filter((c) => c.status === 'error')
    .sort((a, b) => `${a.accountId}|${a.region}|${a.service}`.localeCompare(`${b.accountId}|${b.region}|${b.service}`, 'en'));
  return {
    label: input.label,
    generatedAt: snapshot.generatedAt,
    sourceKind: snapshot.source.kind,
    accounts: [...snapshot.source.accounts].sort(),
    regions: [...snapshot.source.regions].sort(),
    coverageGaps: gaps,
    resourceCounts: RESOURCE_TYPES.map((type) => ({ type, count: snapshot.resources[type]?.length ?? 0 })).filter((r) => r.count > 0),
    findingsBySeverity,
    workloads: workloads.length,
    origins,
    spofWorkloads: spofs.length,
    topSpofs,
    notices: [...(input.notices ?? [])],
  };
}

/** True when a decision changes nothing (all its fields absent). */
export function isEmptyDecision(decision: WorkloadDecision | undefined): boolean {
  return !decision || Object.values(decision).every((v) => v === undefined);
}

/**
 * The plan.yaml document for a set of decisions: workloads sorted by id,
 * empty decisions left out, so the same decisions always give the same file.
 * Decisions for workloads this snapshot does not have are not written:
 * `export --plan` refuses a plan that names unknown workloads, and the
 * wizard says so before writing (see `unknownDecisions`).
 */
export function buildPlanFile(data: WizardData, decisions: Record<string, WorkloadDecision>): PlanFile {
  const workloads: Record<string, WorkloadDecision> = {};
  for (const id of Object.keys(decisions).sort()) {
    const decision = decisions[id];
    if (decision && !isEmptyDecision(decision) && data.workload(id)) workloads[id] = decision;
  }
  const { snapshot } = data.model;
  const plan: PlanFile = {
    version: PLAN_FILE_VERSION,
    snapshot: { generatedAt: snapshot.generatedAt, accounts: [...snapshot.source.accounts].sort(), regions: [...snapshot.source.regions].sort() },
    workloads,
  };
  if (data.defaults && Object.keys(data.defaults).length > 0) plan.defaults = data.defaults;
  return plan;
}

/** The label of a workload class, short enough for a list column. */
export function classLabel(value: WorkloadClass | undefined): string {
  switch (value) {
    case 'replicable':
      return 'replicable';
    case 'replicable-shared-storage':
      return 'shared-storage';
    case 'app-clustered':
      return 'clustered';
    case 'singleton':
      return 'singleton';
    default:
      return '';
  }
}
