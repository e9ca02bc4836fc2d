/**
 * The snapshot: what `scan` and `import` write and every later step reads.
 * Resources keep the shape the AWS API returns (PascalCase, as the AWS CLI
 * prints it) plus `accountId` and `region`; kubelift's own additions to a
 * resource are listed per type in docs/snapshot.md and never clash with AWS
 * field names.
 */

export const SNAPSHOT_SCHEMA_VERSION = 1 as const;

export const RESOURCE_TYPES = [
  'AWS::EC2::Instance',
  'AWS::EC2::Volume',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::Subnet',
  'AWS::EC2::VPC',
  'AWS::EC2::EIP',
  'AWS::EC2::LaunchTemplate',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::AutoScaling::LaunchConfiguration',
  'AWS::AutoScaling::ScalingPolicy',
  'AWS::AutoScaling::LifecycleHook',
  'AWS::AutoScaling::ScheduledAction',
  'AWS::AutoScaling::WarmPool',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ElasticLoadBalancing::LoadBalancer',
] as const;

export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** The services a scan walks; coverage is recorded per (account, region, service). */
export const SERVICES = ['ec2', 'elbv2', 'elb', 'autoscaling'] as const;
export type Service = (typeof SERVICES)[number];

/** Which service collects which resource type (drives "unknown" results on coverage gaps). */
export const SERVICE_OF: Record<ResourceType, Service> = {
  'AWS::EC2::Instance': 'ec2',
  'AWS::EC2::Volume': 'ec2',
  'AWS::EC2::SecurityGroup': 'ec2',
  'AWS::EC2::Subnet': 'ec2',
  'AWS::EC2::VPC': 'ec2',
  'AWS::EC2::EIP': 'ec2',
  'AWS::EC2::LaunchTemplate': 'ec2',
  'AWS::AutoScaling::AutoScalingGroup': 'autoscaling',
  'AWS::AutoScaling::LaunchConfiguration': 'autoscaling',
  'AWS::AutoScaling::ScalingPolicy': 'autoscaling',
  'AWS::AutoScaling::LifecycleHook': 'autoscaling',
  'AWS::AutoScaling::ScheduledAction': 'autoscaling',
  'AWS::AutoScaling::WarmPool': 'autoscaling',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'elbv2',
  'AWS::ElasticLoadBalancingV2::Listener': 'elbv2',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'elbv2',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'elbv2',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'elb',
};

/** A resource as the AWS API returns it, plus where it lives. */
export interface AwsResource {
  accountId: string;
  region: string;
  [field: string]: unknown;
}

export interface CoverageRecord {
  accountId: string;
  region: string;
  service: Service;
  status: 'ok' | 'error';
  /** The AWS error code (AccessDenied, UnauthorizedOperation, OptInRequired, …) when status is error. */
  errorCode?: string;
  error?: string;
  /** Resource types that could not be collected when only part of the service failed. */
  missing?: ResourceType[];
}

/** An instance type in use, as DescribeInstanceTypes returns it (plus region). */
export interface InstanceTypeInfo {
  region: string;
  InstanceType: string;
  VCpuInfo?: { DefaultVCpus?: number };
  MemoryInfo?: { SizeInMiB?: number };
  InstanceStorageInfo?: { TotalSizeInGB?: number };
  [field: string]: unknown;
}

/** An Availability Zone, as DescribeAvailabilityZones returns it (plus account and region). */
export interface AvailabilityZoneInfo {
  accountId: string;
  region: string;
  ZoneName: string;
  ZoneId: string;
  [field: string]: unknown;
}

export interface SnapshotSource {
  /** How the snapshot was made. */
  kind: 'scan' | 'import';
  accounts: string[];
  regions: string[];
  /** True only when `--include-user-data` was given; user data is then redacted. */
  includesUserData: boolean;
}

export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  tool: { name: 'kubelift'; version: string };
  generatedAt: string;
  source: SnapshotSource;
  coverage: CoverageRecord[];
  resources: Partial<Record<ResourceType, AwsResource[]>>;
  instanceTypes: InstanceTypeInfo[];
  availabilityZones: AvailabilityZoneInfo[];
}

/** The field that identifies a resource of each type, in the order tried. */
const ID_FIELDS: Record<ResourceType, readonly string[]> = {
  'AWS::EC2::Instance': ['InstanceId'],
  'AWS::EC2::Volume': ['VolumeId'],
  'AWS::EC2::SecurityGroup': ['GroupId'],
  'AWS::EC2::Subnet': ['SubnetId'],
  'AWS::EC2::VPC': ['VpcId'],
  'AWS::EC2::EIP': ['AllocationId', 'PublicIp'],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateId'],
  'AWS::AutoScaling::AutoScalingGroup': ['AutoScalingGroupName'],
  'AWS::AutoScaling::LaunchConfiguration': ['LaunchConfigurationName'],
  'AWS::AutoScaling::ScalingPolicy': ['PolicyARN', 'PolicyName'],
  'AWS::AutoScaling::LifecycleHook': ['LifecycleHookName'],
  'AWS::AutoScaling::ScheduledAction': ['ScheduledActionARN', 'ScheduledActionName'],
  'AWS::AutoScaling::WarmPool': ['AutoScalingGroupName'],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': ['LoadBalancerArn'],
  'AWS::ElasticLoadBalancingV2::Listener': ['ListenerArn'],
  'AWS::ElasticLoadBalancingV2::ListenerRule': ['RuleArn'],
  'AWS::ElasticLoadBalancingV2::TargetGroup': ['TargetGroupArn'],
  'AWS::ElasticLoadBalancing::LoadBalancer': ['LoadBalancerName'],
};

/** The id of a resource (instance id, ARN, name…), unique within its account and region. */
export function resourceId(type: ResourceType, resource: AwsResource): string {
  for (const field of ID_FIELDS[type]) {
    const value = resource[field];
    if (typeof value === 'string' && value) {
      // Lifecycle hooks are only unique within their group.
      if (type === 'AWS::AutoScaling::LifecycleHook') return `${String(resource.AutoScalingGroupName)}/${value}`;
      return value;
    }
  }
  return '';
}

// The AWS name fields, in the order they are tried.
const NAME_FIELDS = ['LoadBalancerName', 'TargetGroupName', 'AutoScalingGroupName', 'LaunchTemplateName', 'GroupName'] as const;

/** The human name of a resource: its Name tag, or its AWS name, or its id. */
export function resourceName(type: ResourceType, resource: AwsResource): string {
  const tags = resource.Tags;
  // Plain loops: called for every resource, and find() with an arrow would make a closure per call.
  if (Array.isArray(tags)) {
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i] as { Key?: string; Value?: string } | null | undefined;
      if (tag?.Key !== 'Name') continue;
      // The first Name tag decides, as find() would.
      if (tag.Value) return tag.Value;
      break;
    }
  }
  for (let f = 0; f < NAME_FIELDS.length; f++) {
    const value = resource[NAME_FIELDS[f]!];
    if (typeof value === 'string' && value) return value;
  }
  return resourceId(type, resource);
}

/** Every resource of a type (empty when none or not collected). */
export function resourcesOf(snapshot: Snapshot, type: ResourceType): AwsResource[] {
  return snapshot.resources[type] ?? [];
}

export function isResourceType(value: string): value is ResourceType {
  return (RESOURCE_TYPES as readonly string[]).includes(value);
}
