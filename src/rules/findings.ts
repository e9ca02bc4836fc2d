/**
 * Finding ids, severity order and the one sort order every report uses.
 * Ids are stable across runs and machines, so two reports of the same estate
 * can be compared (`kubelift diff`) and suppressions can name a finding.
 */
import { createHash } from 'node:crypto';
import type { ResourceRef } from '../model/types.js';
import type { ResourceType } from '../snapshot/types.js';
import { compareText } from './resource-ref.js';
import { SEVERITIES, type Finding, type Severity } from './types.js';

/** 0 for critical … 4 for info. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is `threshold` or worse. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** Short, readable names for resource types, used in finding ids. */
export const TYPE_SHORT_NAMES: Record<ResourceType, string> = {
  'AWS::EC2::Instance': 'instance',
  'AWS::EC2::Volume': 'volume',
  'AWS::EC2::SecurityGroup': 'security-group',
  'AWS::EC2::Subnet': 'subnet',
  'AWS::EC2::VPC': 'vpc',
  'AWS::EC2::EIP': 'eip',
  'AWS::EC2::LaunchTemplate': 'launch-template',
  'AWS::AutoScaling::AutoScalingGroup': 'asg',
  'AWS::AutoScaling::LaunchConfiguration': 'launch-configuration',
  'AWS::AutoScaling::ScalingPolicy': 'scaling-policy',
  'AWS::AutoScaling::LifecycleHook': 'lifecycle-hook',
  'AWS::AutoScaling::ScheduledAction': 'scheduled-action',
  'AWS::AutoScaling::WarmPool': 'warm-pool',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load-balancer',
  'AWS::ElasticLoadBalancingV2::Listener': 'listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'listener-rule',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'target-group',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'classic-load-balancer',
};

// EC2's generated ids (i-…, vol-…, sg-…, eipalloc-…) and ARNs are unique across
// accounts and regions; names (Auto Scaling groups, classic load balancers) are not.
const EC2_ID = /^[a-z]+-[0-9a-f]{8,17}$/;
const isGlobalId = (type: ResourceType, id: string): boolean => id.startsWith('arn:') || (type.startsWith('AWS::EC2::') && EC2_ID.test(id));

const PRINTABLE = /^[\x21-\x7e]+$/;

/** What a finding id names its resource by, after `<ruleId>:`: the same for every rule. */
export function resourceKeyOf(resource: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>): string {
  const short = TYPE_SHORT_NAMES[resource.type] ?? resource.type;
  return isGlobalId(resource.type, resource.id) ? [short, resource.id].join(':') : [short, resource.accountId, resource.region, resource.id].join(':');
}

/**
 * `findingId(ruleId, resource)` given the resource's `resourceKeyOf`, made once for all the rules
 * that report the resource: only the rule's part is checked and joined here.
 */
export function findingIdOfKey(ruleId: string, key: string, resource: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>): string {
  if (ruleId.length + 1 + key.length <= 200 && PRINTABLE.test(key) && PRINTABLE.test(ruleId)) return [ruleId, key].join(':');
  return findingId(ruleId, resource);
}

/**
 * A finding's stable id: `<ruleId>:<type>:<resource id>`, with account and
 * region added for ids that are only unique within them, `<ruleId>:workload:<id>`
 * for workload rules; hashed when too long or not printable.
 */
export function findingId(ruleId: string, resource: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>, workloadId?: string): string {
  if (workloadId !== undefined) return `${ruleId}:workload:${workloadId}`;
  const short = TYPE_SHORT_NAMES[resource.type] ?? resource.type;
  // Joined rather than concatenated: one flat string, where `+` makes a chain of pieces that the check below flattens into a second copy.
  const id = [ruleId, resourceKeyOf(resource)].join(':');
  if (id.length <= 200 && PRINTABLE.test(id)) return id;
  const digest = createHash('sha256').update(`${resource.accountId}|${resource.region}|${resource.type}|${resource.id}`).digest('hex').slice(0, 16);
  return `${ruleId}:${short}:${digest}`;
}

/**
 * Lists of findings whose objects have the report's fields in the report's order
 * (ReportFinding), references included: a report lists them as they are instead
 * of copying a hundred thousand findings. A list is marked by the code that built it.
 */
const inReportShape = new WeakSet<readonly Finding[]>();

export function markInReportShape(findings: readonly Finding[]): void {
  inReportShape.add(findings);
}

export function isInReportShape(findings: readonly Finding[]): boolean {
  return inReportShape.has(findings);
}

/**
 * Each workload's findings, in the order given: a finding counts for its workload and,
 * on a shared resource (one load balancer in front of two groups), for every
 * workload that resource serves. Built once; looking findings up per workload
 * by filtering the whole list is quadratic on large estates.
 */
export function findingsByWorkload(findings: readonly Finding[]): Map<string, Finding[]> {
  const byWorkload = new Map<string, Finding[]>();
  const add = (id: string, finding: Finding): void => {
    const list = byWorkload.get(id);
    if (list) list.push(finding);
    else byWorkload.set(id, [finding]);
  };
  // Indexed loops: this runs once over a long list, often before the optimizing compiler
  // steps in, and until then each step of a for…of allocates.
  for (let f = 0; f < findings.length; f++) {
    const finding = findings[f]!;
    const shared = finding.workloadIds;
    if (!shared) {
      if (finding.workloadId !== undefined) add(finding.workloadId, finding);
      continue;
    }
    // Each workload once, in the order of the list, then `workloadId` if the list lacks it.
    const ids = new Set(shared);
    if (finding.workloadId !== undefined) ids.add(finding.workloadId);
    for (const id of ids) add(id, finding);
  }
  return byWorkload;
}

/** The part of the report order a finding takes from its rule: worst first, SPOFs first within a severity, then rule id. */
export function compareByRule(a: Pick<Finding, 'severity' | 'spof' | 'ruleId'>, b: Pick<Finding, 'severity' | 'spof' | 'ruleId'>): number {
  return severityRank(a.severity) - severityRank(b.severity) || Number(b.spof) - Number(a.spof) || compareText(a.ruleId, b.ruleId);
}

/** Worst first; SPOFs first within a severity; then rule, account, region, resource. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareByRule(a, b) ||
    compareText(a.resource.accountId, b.resource.accountId) ||
    compareText(a.resource.region, b.resource.region) ||
    compareText(a.resource.type, b.resource.type) ||
    compareText(a.resource.id, b.resource.id) ||
    compareText(a.id, b.id)
  );
}
