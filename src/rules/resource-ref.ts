/**
 * References to snapshot resources as rules report them: id, name, and the
 * ARN (read from the resource when AWS returns one, built the documented
 * way for EC2 and classic load balancers otherwise).
 */
import type { ResourceRef } from '../model/types.js';
import { resourceId, resourceName, type AwsResource, type ResourceType } from '../snapshot/types.js';

/** The AWS partition a region belongs to (aws, aws-cn, aws-us-gov, …). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

const ARN_FIELDS: Partial<Record<ResourceType, string>> = {
  'AWS::AutoScaling::AutoScalingGroup': 'AutoScalingGroupARN',
  'AWS::AutoScaling::LaunchConfiguration': 'LaunchConfigurationARN',
  'AWS::AutoScaling::ScalingPolicy': 'PolicyARN',
  'AWS::AutoScaling::ScheduledAction': 'ScheduledActionARN',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'LoadBalancerArn',
  'AWS::ElasticLoadBalancingV2::Listener': 'ListenerArn',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'RuleArn',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'TargetGroupArn',
};

// EC2 ARNs follow arn:<partition>:ec2:<region>:<account>:<resource-type>/<id>.
const EC2_ARN_TYPES: Partial<Record<ResourceType, string>> = {
  'AWS::EC2::Instance': 'instance',
  'AWS::EC2::Volume': 'volume',
  'AWS::EC2::SecurityGroup': 'security-group',
  'AWS::EC2::Subnet': 'subnet',
  'AWS::EC2::VPC': 'vpc',
  'AWS::EC2::EIP': 'elastic-ip',
  'AWS::EC2::LaunchTemplate': 'launch-template',
};

/** The resource's ARN, when AWS defines one for it. */
export function resourceArn(type: ResourceType, resource: AwsResource, id: string): string | undefined {
  const field = ARN_FIELDS[type];
  if (field) {
    const value = resource[field];
    if (typeof value === 'string' && value.startsWith('arn:')) return value;
  }
  if (!id) return undefined;
  const ec2 = EC2_ARN_TYPES[type];
  // An EIP without an allocation id (EC2-Classic) is known by its address only and has no ARN.
  if (ec2 && !(type === 'AWS::EC2::EIP' && !id.startsWith('eipalloc-'))) return withPrefix(arnPrefix('ec2', ec2, resource), id);
  if (type === 'AWS::ElasticLoadBalancing::LoadBalancer') return withPrefix(arnPrefix('elasticloadbalancing', 'loadbalancer', resource), id);
  return undefined;
}

const withPrefix = (prefix: string | undefined, id: string): string | undefined => (prefix === undefined ? undefined : prefix + id);

// `arn:<partition>:<service>:<region>:<account>:<kind>/` is the same for every resource of a kind
// in a region: built once, so each ARN is one short string joined onto a shared one.
const arnPrefixes = new Map<string, Map<string, Map<string, string | undefined>>>();

/** The ARN prefix of a kind of resource in the resource's account and region; undefined when the account id is not one. */
function arnPrefix(service: string, kind: string, resource: AwsResource): string | undefined {
  let byRegion = arnPrefixes.get(kind);
  if (!byRegion) arnPrefixes.set(kind, (byRegion = new Map()));
  let byAccount = byRegion.get(resource.region);
  if (!byAccount) byRegion.set(resource.region, (byAccount = new Map()));
  if (byAccount.has(resource.accountId)) return byAccount.get(resource.accountId);
  const prefix = /^\d{12}$/.test(resource.accountId) ? ['arn', partitionOf(resource.region), service, resource.region, resource.accountId, `${kind}/`].join(':') : undefined;
  byAccount.set(resource.accountId, prefix);
  return prefix;
}

/** A reference to one snapshot resource; `id` and `name` when the caller already has them. */
export function refOf(type: ResourceType, resource: AwsResource, id: string = resourceId(type, resource), name: string = resourceName(type, resource)): ResourceRef {
  const { accountId, region } = resource;
  const arn = resourceArn(type, resource, id);
  // Built in one piece: a property added later takes a second block of memory, and references live as long as the report.
  // Fields in the report's order (see ReportResource), so the report lists a finding's reference as it is.
  return arn ? { type, id, arn, name, region, accountId } : { type, id, name, region, accountId };
}

/** A copy of a reference with its fields in the report's order (type, id, arn, name, region, accountId), as refOf builds them. */
export function inReportOrder(ref: ResourceRef): ResourceRef {
  const { type, id, arn, name, region, accountId } = ref;
  return arn ? { type, id, arn, name, region, accountId } : { type, id, name, region, accountId };
}

/** Compares strings by code unit: the same order on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders references by account, region, type and id. */
export function compareRefs(a: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>, b: Pick<ResourceRef, 'type' | 'id' | 'accountId' | 'region'>): number {
  return compareText(a.accountId, b.accountId) || compareText(a.region, b.region) || compareText(a.type, b.type) || compareText(a.id, b.id);
}
