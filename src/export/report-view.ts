/**
 * What the human-readable reports (table, markdown, html) show, in the order
 * they show it: SPOF workloads first, then by their worst finding; findings
 * worst first; resources outside any workload last. Pure; no formatting here.
 */
import { compareText } from '../rules/resource-ref.js';
import { SEVERITIES, type Severity } from '../rules/types.js';
import type { ResourceType } from '../snapshot/types.js';
import type { Report, ReportFinding, ReportWorkload } from './report-json.js';

export interface WorkloadView {
  workload: ReportWorkload;
  findings: ReportFinding[];
  worst: Severity | undefined;
}

export interface ReportView {
  workloads: WorkloadView[];
  /** Findings on resources that belong to no workload (a load balancer with no targets, an idle volume). */
  unassigned: ReportFinding[];
  coverageErrors: Report['source']['coverage'];
}

const rank = (severity: Severity | undefined): number => (severity === undefined ? SEVERITIES.length : SEVERITIES.indexOf(severity));

/** Groups and orders a report for people. */
export function viewOf(report: Report): ReportView {
  const byId = new Map(report.findings.map((f) => [f.id, f]));
  const workloads = report.workloads.map((workload): WorkloadView => {
    const findings = workload.findings.map((id) => byId.get(id)).filter((f): f is ReportFinding => f !== undefined);
    return { workload, findings, worst: findings.reduce<Severity | undefined>((w, f) => (rank(f.severity) < rank(w) ? f.severity : w), undefined) };
  });
  workloads.sort((a, b) => Number(b.workload.spof) - Number(a.workload.spof) || rank(a.worst) - rank(b.worst) || b.findings.length - a.findings.length || compareText(a.workload.id, b.workload.id));
  const known = new Set(report.workloads.map((w) => w.id));
  return {
    workloads,
    unassigned: report.findings.filter((f) => f.workloadId === undefined || !known.has(f.workloadId)),
    coverageErrors: report.source.coverage.filter((c) => c.status === 'error'),
  };
}

/** "2 critical, 3 high" — only the severities present; "none" when there are no findings. */
export function severityCounts(report: Report): string {
  const parts = SEVERITIES.filter((s) => report.summary.findings[s] > 0).map((s) => `${report.summary.findings[s]} ${s}`);
  return parts.length ? parts.join(', ') : 'none';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How a workload reads in one line: origin, replicas and zones. */
export function workloadLine(workload: ReportWorkload): string {
  const origin = workload.origin === 'auto-scaling-group' ? 'Auto Scaling group' : workload.origin === 'instance-group' ? 'instance group' : 'standalone instance';
  const zones = workload.zones.length ? ` in ${workload.zones.join(', ')}` : '';
  return `${origin}, ${workload.instances.running} of ${workload.instances.total} instances running${zones}`;
}

const TYPE_LABELS: Partial<Record<ResourceType, string>> = {
  'AWS::EC2::EIP': 'Elastic IP',
  'AWS::EC2::VPC': 'VPC',
  'AWS::AutoScaling::AutoScalingGroup': 'Auto Scaling group',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load balancer',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'classic load balancer',
};

/** A resource type in words: `AWS::ElasticLoadBalancingV2::TargetGroup` → "target group". */
export function typeLabel(type: ResourceType): string {
  return TYPE_LABELS[type] ?? (type.split('::').pop() ?? type).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A readable label for a resource: its name and, when different, its id. */
export function resourceLabel(resource: ReportFinding['resource']): string {
  return resource.name && resource.name !== resource.id ? `${resource.name} (${resource.id})` : resource.id;
}
