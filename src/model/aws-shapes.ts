/**
 * Reads the AWS fields the resolver needs. Snapshots come from the SDK, from
 * AWS CLI captures and from moto, and real estates omit optional fields all
 * the time, so every reader tolerates a missing or oddly shaped field and
 * returns an empty value instead of throwing.
 *
 * kubelift's additions to the AWS shapes (target health, attributes, classic
 * instance health) are read here only, so a change in how the snapshot stores
 * them touches this file alone.
 */
import type { AwsResource } from '../snapshot/types.js';

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NO_OBJECTS: readonly Obj[] = Object.freeze([]);

/** A field as an array of objects (empty when absent or not an array); the array itself when it holds only objects, as it nearly always does. */
export function objects(value: unknown): readonly Obj[] {
  if (!Array.isArray(value) || value.length === 0) return NO_OBJECTS;
  // A loop rather than every(): called several times for each of 100k instances, mostly on lists of one.
  for (let i = 0; i < value.length; i++) if (!isObject(value[i])) return value.filter(isObject);
  return value as Obj[];
}

/** A field as a non-empty string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A field as a finite number (numeric strings included), or undefined. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A field as a boolean ("true"/"false" strings included), or undefined. */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

const field = (value: unknown, key: string): unknown => (isObject(value) ? value[key] : undefined);

/** A nested field, e.g. `at(instance, 'Placement', 'AvailabilityZone')` (up to three levels: no path array per call). */
export function at(value: unknown, a: string, b?: string, c?: string): unknown {
  const first = field(value, a);
  if (b === undefined) return first;
  const second = field(first, b);
  return c === undefined ? second : field(second, c);
}

/** The strings of an array field, dropping anything else. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** Tags as a plain map. EC2, ELB and Auto Scaling all use `[{Key, Value}]`; a map is accepted too. */
export function tagsOf(resource: AwsResource): Record<string, string> {
  const out: Record<string, string> = {};
  const tags = resource.Tags ?? resource.TagSet ?? resource.TagDescriptions;
  if (Array.isArray(tags)) {
    // Indexed: read for every resource, often before the loop is optimized, when for-of allocates a step object per tag.
    const list = objects(tags);
    for (let i = 0; i < list.length; i++) {
      const tag = list[i]!;
      const key = str(tag.Key);
      if (key !== undefined) out[key] = typeof tag.Value === 'string' ? tag.Value : '';
    }
  } else if (isObject(tags)) {
    for (const [key, value] of Object.entries(tags)) if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** One tag's value as `tagsOf(resource)[key]` reads it, without building the map. */
export function tagValue(resource: AwsResource, key: string): string | undefined {
  const tags = resource.Tags ?? resource.TagSet ?? resource.TagDescriptions;
  if (Array.isArray(tags)) {
    // The last tag with the key wins, as in tagsOf.
    let value: string | undefined;
    // Indexed: read for every standalone instance, often before the loop is optimized.
    for (let i = 0; i < tags.length; i++) {
      const tag: unknown = tags[i];
      if (isObject(tag) && tag.Key === key) value = typeof tag.Value === 'string' ? tag.Value : '';
    }
    return value;
  }
  if (isObject(tags) && Object.hasOwn(tags, key)) {
    const value = tags[key];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/**
 * Key/value attributes (`[{Key, Value}]` as DescribeLoadBalancerAttributes and
 * DescribeTargetGroupAttributes return them, or a plain map). Undefined when the
 * snapshot holds none, so callers can tell "not collected" from "default".
 */
export function keyValueAttributes(resource: AwsResource): Record<string, string> | undefined {
  const raw = resource.Attributes ?? resource.LoadBalancerAttributes ?? resource.TargetGroupAttributes;
  if (Array.isArray(raw)) {
    const out: Record<string, string> = {};
    for (const a of objects(raw)) {
      const key = str(a.Key);
      if (key !== undefined) out[key] = a.Value === undefined || a.Value === null ? '' : String(a.Value);
    }
    return out;
  }
  if (isObject(raw) && !('CrossZoneLoadBalancing' in raw)) {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) if (value !== undefined && value !== null) out[key] = String(value);
    return out;
  }
  return undefined;
}

/** The state name of an instance (`running`, `stopped`, …), or '' when unknown. */
export function instanceState(instance: AwsResource): string {
  return str(at(instance, 'State', 'Name')) ?? str(instance.State) ?? '';
}

/** Instance states that count as a replica: it serves, or is about to. */
export function isLiveState(state: string): boolean {
  return state === 'running' || state === 'pending';
}

/** Every private IPv4 address of an instance (primary and secondary, all interfaces). */
export function privateAddresses(instance: AwsResource): string[] {
  const out = new Set<string>();
  const primary = str(instance.PrivateIpAddress);
  if (primary) out.add(primary);
  for (const eni of objects(instance.NetworkInterfaces)) {
    const address = str(eni.PrivateIpAddress);
    if (address) out.add(address);
    for (const extra of objects(eni.PrivateIpAddresses)) {
      const a = str(extra.PrivateIpAddress);
      if (a) out.add(a);
    }
  }
  return [...out];
}

/** One registered target of a target group, with its health as DescribeTargetHealth reports it. */
export interface TargetHealthEntry {
  id: string;
  port?: number;
  /** The zone DescribeTargetHealth gives for IP targets (`all` for targets outside the VPC). */
  zone?: string;
  state: string;
}

/**
 * The target health of a target group, or undefined when the snapshot does not
 * hold it. Stored as DescribeTargetHealth's `TargetHealthDescriptions`.
 */
export function targetHealthOf(targetGroup: AwsResource): TargetHealthEntry[] | undefined {
  const raw = targetGroup.TargetHealthDescriptions ?? targetGroup.TargetHealth ?? targetGroup.Targets;
  if (!Array.isArray(raw)) return undefined;
  const out: TargetHealthEntry[] = [];
  const entries = objects(raw);
  // Indexed: one entry per registered target, as many as the instances behind balancers.
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const target = isObject(entry.Target) ? entry.Target : entry;
    const id = str(target.Id);
    if (!id) continue;
    const state = str(at(entry, 'TargetHealth', 'State')) ?? str(entry.State) ?? 'unknown';
    const item: TargetHealthEntry = { id, state };
    const port = num(target.Port);
    if (port !== undefined) item.port = port;
    const zone = str(target.AvailabilityZone);
    if (zone) item.zone = zone;
    out.push(item);
  }
  return out;
}

/**
 * The instance health of a classic load balancer, or undefined when not
 * collected. Stored as DescribeInstanceHealth's `InstanceStates`.
 */
export function classicInstanceStatesOf(loadBalancer: AwsResource): Map<string, string> | undefined {
  const raw = loadBalancer.InstanceStates ?? loadBalancer.InstanceHealth;
  if (!Array.isArray(raw)) return undefined;
  const out = new Map<string, string>();
  for (const entry of objects(raw)) {
    const id = str(entry.InstanceId);
    if (id) out.set(id, str(entry.State) ?? 'Unknown');
  }
  return out;
}

/** The attributes of a classic load balancer that matter for availability. */
export interface ClassicAttributes {
  crossZone?: boolean;
  connectionDraining?: boolean;
  connectionDrainingTimeout?: number;
}

/**
 * Classic load balancer attributes (DescribeLoadBalancerAttributes'
 * `LoadBalancerAttributes`), or undefined when not collected.
 */
export function classicAttributesOf(loadBalancer: AwsResource): ClassicAttributes | undefined {
  const raw = loadBalancer.LoadBalancerAttributes ?? loadBalancer.Attributes;
  if (!isObject(raw)) return undefined;
  const out: ClassicAttributes = {};
  const crossZone = bool(at(raw, 'CrossZoneLoadBalancing', 'Enabled'));
  if (crossZone !== undefined) out.crossZone = crossZone;
  const draining = bool(at(raw, 'ConnectionDraining', 'Enabled'));
  if (draining !== undefined) out.connectionDraining = draining;
  const timeout = num(at(raw, 'ConnectionDraining', 'Timeout'));
  if (timeout !== undefined) out.connectionDrainingTimeout = timeout;
  return out;
}

/** The ARNs of target groups an action forwards to: `TargetGroupArn` and weighted `ForwardConfig.TargetGroups`. */
export function forwardTargets(actions: unknown): string[] {
  const out = new Set<string>();
  for (const action of objects(actions)) {
    const single = str(action.TargetGroupArn);
    if (single) out.add(single);
    for (const weighted of objects(at(action, 'ForwardConfig', 'TargetGroups'))) {
      const arn = str(weighted.TargetGroupArn);
      // A weight of 0 sends no traffic; such a group is parked, not served.
      if (arn && (num(weighted.Weight) ?? 1) > 0) out.add(arn);
    }
  }
  return [...out];
}

/**
 * The listener a rule belongs to. DescribeRules does not return it, so it is
 * read from the rule's ARN (`…:listener-rule/app/lb/id/listener-id/rule-id`)
 * unless the snapshot added `ListenerArn`.
 */
export function listenerArnOfRule(rule: AwsResource): string | undefined {
  const explicit = str(rule.ListenerArn);
  if (explicit) return explicit;
  const arn = str(rule.RuleArn);
  if (!arn || !arn.includes(':listener-rule/')) return undefined;
  return arn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');
}

/** Splits an Auto Scaling `HealthCheckType`, which may hold several values (`EC2,ELB`). */
export function healthCheckTypes(group: AwsResource): string[] {
  const raw = str(group.HealthCheckType) ?? 'EC2';
  return [...new Set(raw.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean))].sort();
}
