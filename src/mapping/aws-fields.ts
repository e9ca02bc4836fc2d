/**
 * Small readers for the AWS API shapes kept in the snapshot. Resources are
 * untyped JSON, so every read says what type it expects and tolerates absence.
 */
import { keyValueAttributes, tagsOf as modelTagsOf } from '../model/aws-shapes.js';
import type { ResourceRef } from '../model/types.js';
import { resourceId, resourceName, type AwsResource, type ResourceType } from '../snapshot/types.js';
import type { Provenance } from './types.js';

/** A resource of the snapshot with the reference that names it in provenance. */
export interface Sourced {
  ref: ResourceRef;
  data: AwsResource;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Reads a nested field: `field(resource, 'HealthCheck', 'Target')`. */
export function field(resource: unknown, ...path: string[]): unknown {
  let node: unknown = resource;
  for (const key of path) node = asRecord(node)[key];
  return node;
}

/** Tags as a map (the resolver's reader, so both agree on the shapes accepted). */
export function tagsOf(resource: AwsResource): Record<string, string> {
  return modelTagsOf(resource);
}

/** Key/value attributes (target group and ELBv2 load balancer attributes); empty when not collected. */
export function attributesOf(resource: AwsResource): Record<string, string> {
  return keyValueAttributes(resource) ?? {};
}

const ARN_FIELDS = ['LoadBalancerArn', 'TargetGroupArn', 'ListenerArn', 'RuleArn', 'AutoScalingGroupARN', 'PolicyARN', 'SecurityGroupArn'];

/** The name a resource goes by: its own (policies, hooks and scheduled actions), else its Name tag or AWS name. */
function nameOf(type: ResourceType, resource: AwsResource): string {
  // Policies, hooks and scheduled actions carry their group's name too; their own name says more.
  return asString(resource.PolicyName) ?? asString(resource.LifecycleHookName) ?? asString(resource.ScheduledActionName) ?? resourceName(type, resource);
}

/** The reference of a snapshot resource; `name`, when not empty, replaces the name it goes by. */
export function refOf(type: ResourceType, resource: AwsResource, name?: string): ResourceRef {
  const ref: ResourceRef = { type, id: resourceId(type, resource), accountId: resource.accountId, region: resource.region, name: name || nameOf(type, resource) };
  if (type.includes('ElasticLoadBalancingV2') || type.includes('AutoScaling') || type === 'AWS::EC2::SecurityGroup') {
    // The first ARN field present (a loop: this runs for every resource every workload reads).
    for (const f of ARN_FIELDS) {
      const arn = asString(resource[f]);
      if (arn) {
        ref.arn = arn;
        break;
      }
    }
  }
  return ref;
}

/** Provenance for a value read from an AWS field. */
export function fromAws(source: Sourced, fieldName: string, reason: string): Provenance {
  return { source: 'aws', resource: source.ref, field: fieldName, reason };
}

/** Provenance for a default and the reason it was chosen. */
export function byDefault(reason: string): Provenance {
  return { source: 'default', reason };
}

/** Provenance for a value recorded in plan.yaml. */
export function byDecision(reason: string): Provenance {
  return { source: 'decision', reason };
}

/** Provenance for a value the known-application catalog gives. */
export function fromCatalog(appId: string, reason: string): Provenance {
  return { source: 'app-catalog', field: `apps/${appId}.yaml`, reason };
}

/** Clamps a number into [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
