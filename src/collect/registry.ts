/**
 * Every collector a scan runs, and the least-privilege IAM policy that their
 * declared permissions add up to (docs/iam-policy.json is generated from it).
 */
import { autoScalingCollector } from './autoscaling.js';
import { ec2Collector } from './ec2.js';
import { elbCollector } from './elb.js';
import { elbv2Collector } from './elbv2.js';
import type { Collector } from './types.js';

/** The collectors, in the order of SERVICES. */
export const COLLECTORS: readonly Collector[] = [ec2Collector, elbv2Collector, elbCollector, autoScalingCollector];

/** Calls the scan itself makes, outside any collector: the identity check. */
export const SCAN_PERMISSIONS: readonly string[] = ['sts:GetCallerIdentity'];

/** Every IAM action a scan may call in a scanned account, sorted. */
export function scanPermissions(): string[] {
  return [...new Set([...SCAN_PERMISSIONS, ...COLLECTORS.flatMap((c) => c.permissions)])].sort();
}

/** The IAM policy document a scanning role needs (read-only actions only). */
export function iamPolicy(): { Version: string; Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[] } {
  return { Version: '2012-10-17', Statement: [{ Sid: 'KubeliftScanReadOnly', Effect: 'Allow', Action: scanPermissions(), Resource: '*' }] };
}

/** docs/iam-policy.json as it must read. */
export function renderIamPolicy(): string {
  return `${JSON.stringify(iamPolicy(), null, 2)}\n`;
}
