/**
 * The JSON report (schemaVersion 1): the stable, machine-readable result of
 * an assessment, described by docs/schemas/report.schema.json and docs/report.md.
 * Every other report format (markdown, table, html, sarif) renders this object.
 */
import type { ResourceRef, WorkloadOrigin } from '../model/types.js';
import type { Assessment } from '../rules/assess.js';
import { findingsByWorkload, isInReportShape } from '../rules/findings.js';
import { compareRefs, compareText, inReportOrder } from '../rules/resource-ref.js';
import { SEVERITIES, type Rule, type RuleResult, type RuleStatus, type Severity } from '../rules/types.js';
import { RESOURCE_TYPES, type ResourceType, type Service } from '../snapshot/types.js';

export const REPORT_SCHEMA_VERSION = 1 as const;

export interface ReportResource {
  type: ResourceType;
  id: string;
  arn?: string;
  name: string;
  region: string;
  accountId: string;
}

export interface ReportFinding {
  id: string;
  ruleId: string;
  title: string;
  severity: Severity;
  spof: boolean;
  resource: ReportResource;
  workloadId?: string;
  /** Every workload the resource serves, when it serves more than one. */
  workloadIds?: string[];
  message: string;
  kubernetes: { equivalent: string; remediation?: string };
  /** How to fix it on AWS today. */
  remediation?: string;
}

export interface ReportWorkload {
  id: string;
  name: string;
  origin: WorkloadOrigin;
  accountId: string;
  region: string;
  /** Zones where running instances are. */
  zones: string[];
  instances: { total: number; running: number };
  resources: { type: ResourceType; id: string; name: string; region: string; accountId: string }[];
  spof: boolean;
  /** The workload's Kubernetes plan summary, when the mapping supplied one. */
  kubernetes?: Record<string, unknown>;
  /** Ids of the workload's findings, worst first. */
  findings: string[];
}

/** A check that could not be decided: the rule failed to evaluate, or its data was not collected. */
export interface ReportUndetermined {
  ruleId: string;
  status: 'error' | 'unknown';
  resource: ReportResource;
  workloadId?: string;
  detail: string;
}

export interface ReportRule {
  id: string;
  title: string;
  severity: Severity;
  spof: boolean;
  resourceType: ResourceType | 'workload';
  rationale?: string;
  kubernetes: { equivalent: string; remediation?: string };
  remediation?: string;
  references: string[];
}

export interface ReportCoverage {
  accountId: string;
  region: string;
  service: Service;
  status: 'ok' | 'error';
  errorCode?: string;
  error?: string;
  missing?: ResourceType[];
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'kubelift'; version: string };
  generatedAt: string;
  source: { accounts: string[]; regions: string[]; coverage: ReportCoverage[] };
  summary: {
    resources: Record<ResourceType, number>;
    workloads: number;
    findings: Record<Severity, number>;
    /** Workloads that are single points of failure. */
    singlePointsOfFailure: number;
    /** Findings marked spof (some are on resources outside any workload). */
    spofFindings: number;
    /** How every (rule, resource) check ended. */
    checks: Record<RuleStatus, number>;
  };
  workloads: ReportWorkload[];
  findings: ReportFinding[];
  undetermined: ReportUndetermined[];
  rules: ReportRule[];
}

export interface ReportMeta {
  toolVersion: string;
  /** ISO 8601; the caller decides (SOURCE_DATE_EPOCH or the snapshot's time), never the clock here. */
  generatedAt: string;
}

export interface BuildReportOptions {
  /** The Kubernetes plan summary of a workload (from the mapping); the field is left out when undefined. */
  kubernetesOf?: (workloadId: string) => Record<string, unknown> | undefined;
}

function reportRule(rule: Rule): ReportRule {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    spof: rule.spof,
    resourceType: rule.resourceType,
    ...(rule.rationale !== undefined ? { rationale: rule.rationale } : {}),
    kubernetes: { equivalent: rule.kubernetes.equivalent, ...(rule.kubernetes.remediation !== undefined ? { remediation: rule.kubernetes.remediation } : {}) },
    ...(rule.remediation !== undefined ? { remediation: rule.remediation } : {}),
    references: [...rule.references],
  };
}

const uniqueSorted = (values: Iterable<string>): string[] => [...new Set(values)].sort(compareText);

/** How every check ended, and the ones that could not be decided, from the full list of results. */
function tallyResults(results: readonly RuleResult[]): { checks: Record<RuleStatus, number>; undeterminedResults: RuleResult[] } {
  const checks: Record<RuleStatus, number> = { fires: 0, passes: 0, 'not-applicable': 0, error: 0, unknown: 0 };
  const undeterminedResults: RuleResult[] = [];
  for (const result of results) {
    checks[result.status]++;
    if (result.status === 'error' || result.status === 'unknown') undeterminedResults.push(result);
  }
  return { checks, undeterminedResults };
}

/** A workload's resources as the report lists them, in compareRefs order. */
function workloadResources(refs: readonly ResourceRef[]): ReportWorkload['resources'] {
  return refs.map((r) => ({ type: r.type, id: r.id, name: r.name, region: r.region, accountId: r.accountId })).sort(compareRefs);
}

/** Builds the JSON report of an assessment. Pure: the same inputs give the same object. */
export function buildReport(assessment: Assessment, meta: ReportMeta, options: BuildReportOptions = {}): Report {
  const { model, findings, spofWorkloads } = assessment;
  const snapshot = model.snapshot;

  const resources = Object.fromEntries(RESOURCE_TYPES.map((type) => [type, snapshot.resources[type]?.length ?? 0])) as Record<ResourceType, number>;
  const severityCounts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let spofFindings = 0;
  for (const finding of findings) {
    severityCounts[finding.severity]++;
    if (finding.spof) spofFindings++;
  }
  // The counts and the undecided results as the evaluation kept them: listing every result of a large estate costs millions of objects.
  const { checks, undeterminedResults } = assessment.checks && assessment.undetermined ? { checks: { ...assessment.checks }, undeterminedResults: assessment.undetermined } : tallyResults(assessment.results);
  const undetermined: ReportUndetermined[] = undeterminedResults.map((result) => ({
    ruleId: result.ruleId,
    status: result.status as ReportUndetermined['status'],
    resource: inReportOrder(result.resource),
    ...(result.workloadId !== undefined ? { workloadId: result.workloadId } : {}),
    detail: result.detail ?? '',
  }));
  undetermined.sort((a, b) => compareText(a.ruleId, b.ruleId) || compareRefs(a.resource, b.resource) || compareText(a.status, b.status));

  const ownFindings = findingsByWorkload(findings);

  const workloads: ReportWorkload[] = [...model.workloads]
    .sort((a, b) => compareText(a.id, b.id))
    .map((workload) => {
      const kubernetes = options.kubernetesOf?.(workload.id);
      return {
        id: workload.id,
        name: workload.name,
        origin: workload.origin,
        accountId: workload.accountId,
        region: workload.region,
        zones: uniqueSorted(workload.zones),
        instances: { total: workload.instances.length, running: workload.runningInstances.length },
        resources: workloadResources(workload.resources),
        spof: spofWorkloads.has(workload.id),
        ...(kubernetes !== undefined ? { kubernetes } : {}),
        findings: (ownFindings.get(workload.id) ?? []).map((f) => f.id),
      };
    });

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'kubelift', version: meta.toolVersion },
    generatedAt: meta.generatedAt,
    source: {
      accounts: uniqueSorted(snapshot.source.accounts),
      regions: uniqueSorted(snapshot.source.regions),
      coverage: [...snapshot.coverage]
        .sort((a, b) => compareText(a.accountId, b.accountId) || compareText(a.region, b.region) || compareText(a.service, b.service))
        .map((c) => ({
          accountId: c.accountId,
          region: c.region,
          service: c.service,
          status: c.status,
          ...(c.errorCode !== undefined ? { errorCode: c.errorCode } : {}),
          ...(c.error !== undefined ? { error: c.error } : {}),
          ...(c.missing !== undefined ? { missing: [...c.missing].sort(compareText) } : {}),
        })),
    },
    summary: {
      resources,
      workloads: workloads.length,
      findings: severityCounts,
      singlePointsOfFailure: workloads.filter((w) => w.spof).length,
      spofFindings,
      checks,
    },
    workloads,
    // Findings the evaluation built in the report's shape are listed as they are: copying them costs a hundred thousand objects.
    findings: isInReportShape(findings) ? findings.slice() : findings.map((finding) => ({
      id: finding.id,
      ruleId: finding.ruleId,
      title: finding.title,
      severity: finding.severity,
      spof: finding.spof,
      resource: inReportOrder(finding.resource),
      ...(finding.workloadId !== undefined ? { workloadId: finding.workloadId } : {}),
      ...(finding.workloadIds !== undefined ? { workloadIds: [...finding.workloadIds] } : {}),
      message: finding.message,
      kubernetes: { equivalent: finding.kubernetes.equivalent, ...(finding.kubernetes.remediation !== undefined ? { remediation: finding.kubernetes.remediation } : {}) },
      ...(finding.remediation !== undefined ? { remediation: finding.remediation } : {}),
    })),
    undetermined,
    rules: [...(assessment.rules ?? [])].sort((a, b) => compareText(a.id, b.id)).map(reportRule),
  };
}

/** The report as written to disk: two-space JSON and a final newline. */
export function renderReportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * About how long a piece of a list is, in characters. Small pieces (and their
 * Buffers) are allocated and freed in memory already in use, where large ones
 * each take fresh pages from the system; this size measured fastest.
 */
const PIECE_LENGTH = 32 * 1024;

// JSON.stringify indents by depth, so a field wrapped as {key: value} comes out
// exactly as the report's own field does, and a batch of list elements wrapped as
// [[...]] exactly as inside a top-level list; the wrappers' brackets are cut off.
const FIELD_OPEN = '{\n';
const FIELD_CLOSE = '\n}';
const ELEMENTS_OPEN = '[\n  [\n';
const ELEMENTS_CLOSE = '\n  ]\n]';

/**
 * The text of renderReportJson, byte for byte, in pieces: one top-level field at
 * a time, and the elements of a top-level list a batch at a time. A large
 * estate's report is hundreds of megabytes; written piece by piece it never has
 * to exist as one string, nor as one Buffer.
 */
export function* renderReportJsonChunks(report: Report): Generator<string> {
  let separator = '{\n';
  for (const [key, value] of Object.entries(report)) {
    if (Array.isArray(value) && value.length > 0) {
      yield `${separator}  ${JSON.stringify(key)}: [\n`;
      for (let start = 0, count = 1; start < value.length; ) {
        const batch = value.slice(start, start + count);
        const elements = JSON.stringify([batch], null, 2);
        if (start > 0) yield ',\n';
        yield elements.slice(ELEMENTS_OPEN.length, -ELEMENTS_CLOSE.length);
        start += batch.length;
        // Elements differ in size from list to list: take as many next time as would fill a piece this time.
        count = Math.max(1, Math.round((batch.length * PIECE_LENGTH) / elements.length));
      }
      yield '\n  ]';
    } else {
      const field = JSON.stringify({ [key]: value }, null, 2);
      // JSON.stringify leaves out a field whose value is undefined.
      if (field === '{}') continue;
      yield separator + field.slice(FIELD_OPEN.length, -FIELD_CLOSE.length);
    }
    separator = ',\n';
  }
  yield separator === '{\n' ? '{}\n' : '\n}\n';
}
