/**
 * The report as SARIF 2.1.0, for tools that collect static-analysis results
 * (code-scanning dashboards, SARIF viewers). Cloud resources have no source
 * file, so each result points at its resource with a logical location (the
 * ARN when AWS defines one). Checks that could not be decided become tool
 * execution notifications, so a viewer shows them instead of a clean run.
 */
import type { Severity } from '../rules/types.js';
import type { Report, ReportFinding, ReportResource, ReportRule } from './report-json.js';
import { jsonPieces } from './text-pieces.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

/** critical and high are errors, medium a warning, low and info notes. */
export function sarifLevel(severity: Severity): Level {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

function logicalLocation(resource: ReportResource): Record<string, unknown> {
  return {
    name: resource.name || resource.id,
    fullyQualifiedName: resource.arn ?? `${resource.accountId}/${resource.region}/${resource.type}/${resource.id}`,
    kind: 'resource',
  };
}

function ruleDescriptor(rule: ReportRule): Record<string, unknown> {
  const help = [rule.rationale, `On Kubernetes: ${rule.kubernetes.equivalent}${rule.kubernetes.remediation ? ` ${rule.kubernetes.remediation}` : ''}`, rule.remediation ? `Fix on AWS: ${rule.remediation}` : undefined]
    .filter((s): s is string => Boolean(s))
    .join('\n\n');
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    ...(rule.rationale ? { fullDescription: { text: rule.rationale } } : {}),
    ...(rule.references[0] ? { helpUri: rule.references[0] } : {}),
    help: { text: help },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { severity: rule.severity, spof: rule.spof, resourceType: rule.resourceType, tags: rule.spof ? ['reliability', 'spof'] : ['reliability'] },
  };
}

/** Rules described by the report, plus any rule a finding names that the report does not describe. */
function rulesOf(report: Report): ReportRule[] {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const add = (f: Pick<ReportFinding, 'ruleId' | 'title' | 'severity' | 'spof' | 'kubernetes' | 'remediation'> & { resource: ReportResource }): void => {
    if (rules.has(f.ruleId)) return;
    rules.set(f.ruleId, { id: f.ruleId, title: f.title, severity: f.severity, spof: f.spof, resourceType: f.resource.type, kubernetes: f.kubernetes, references: [], ...(f.remediation ? { remediation: f.remediation } : {}) });
  };
  report.findings.forEach(add);
  return [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Builds the SARIF log object. Pure. */
export function buildSarif(report: Report): Record<string, unknown> {
  const rules = rulesOf(report);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    kind: 'fail',
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [{ logicalLocations: [logicalLocation(f.resource)] }],
    partialFingerprints: { 'kubeliftFindingId/v1': f.id },
    properties: { severity: f.severity, spof: f.spof, ...(f.workloadId ? { workloadId: f.workloadId } : {}), kubernetes: f.kubernetes.equivalent },
  }));
  const notifications = report.undetermined.map((u) => ({
    level: u.status === 'error' ? 'error' : 'warning',
    message: { text: `${u.status === 'error' ? 'rule could not be evaluated' : 'not checked, data not collected'}: ${u.detail}` },
    locations: [{ logicalLocations: [logicalLocation(u.resource)] }],
    associatedRule: { id: u.ruleId, ...(index.has(u.ruleId) ? { index: index.get(u.ruleId) } : {}) },
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kubelift', version: report.tool.version, semanticVersion: report.tool.version, rules: rules.map(ruleDescriptor) } },
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        results,
        properties: { generatedAt: report.generatedAt, accounts: report.source.accounts, regions: report.source.regions },
      },
    ],
  };
}

/** The SARIF log as written to disk. */
export function renderReportSarif(report: Report): string {
  return [...renderReportSarifPieces(report)].join('');
}

/** The text of renderReportSarif in pieces, each result on its own (results sit at depth 4: runs[0].results[i]). */
export function renderReportSarifPieces(report: Report): Generator<string> {
  return jsonPieces(buildSarif(report), 4);
}
