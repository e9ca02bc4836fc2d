/**
 * The relationships between resources, declared once as data (Cartography's
 * named, directed relationships). `graph.ts` walks this table to link the
 * snapshot; docs/facts.md lists it.
 */
import type { AwsResource, ResourceType } from '../snapshot/types.js';
import { at, forwardTargets, listenerArnOfRule, objects, str, strings, tagValue, targetHealthOf } from './aws-shapes.js';
import type { Node } from './graph.js';

/** Edge names: directed verb phrases read `from <relation> to`. */
export type Relation =
  | 'memberOf'
  | 'attachedTo'
  | 'listensOn'
  | 'partOf'
  | 'routesTo'
  | 'registeredIn'
  | 'runsIn'
  | 'associatedWith'
  | 'protectedBy'
  | 'launchedFrom'
  | 'configures';

/** What a relationship's `link` may ask of the graph while it is being built. */
export interface Lookup {
  /** A resource by type and id in one account and region (a launch template also by `name:<name>`). */
  node(type: ResourceType, accountId: string, region: string, id: string): Node | undefined;
  /** A resource by ARN (target groups, load balancers, listeners…). */
  nodeOfArn(arn: string): Node | undefined;
  /** The instance holding a private address in a VPC. */
  instanceAt(accountId: string, region: string, vpcId: string | undefined, address: string): Node | undefined;
}

/**
 * Receives the other end of each link a relationship finds (undefined when the
 * reference does not resolve), with the registration state where there is one.
 */
export type Emit = (node: Node | undefined, state?: string) => void;

/** A declared relationship: for every resource of `from`, `link` emits the resources of `to` it points at. */
export interface RelationshipSpec {
  from: ResourceType;
  relation: Relation;
  to: ResourceType;
  description: string;
  /** When set, `link` runs on `to` resources and emits `from` keys (the data lives on the other side). */
  declaredOn?: 'to';
  link(resource: AwsResource, lookup: Lookup, emit: Emit): void;
}

// Links run once per resource; those over instances and volumes (100k of each) use indexed
// loops, as a forEach would make a closure for each resource.
export const RELATIONSHIPS: readonly RelationshipSpec[] = [
  {
    from: 'AWS::EC2::Instance',
    relation: 'memberOf',
    to: 'AWS::AutoScaling::AutoScalingGroup',
    description: 'the instance belongs to the group (its `aws:autoscaling:groupName` tag)',
    link: (r, l, emit) => emit(l.node('AWS::AutoScaling::AutoScalingGroup', r.accountId, r.region, tagValue(r, 'aws:autoscaling:groupName') ?? '')),
  },
  {
    from: 'AWS::EC2::Instance',
    relation: 'memberOf',
    to: 'AWS::AutoScaling::AutoScalingGroup',
    description: 'the instance is listed in the group’s `Instances`',
    declaredOn: 'to',
    link: (r, l, emit) => objects(r.Instances).forEach((i) => emit(l.node('AWS::EC2::Instance', r.accountId, r.region, str(i.InstanceId) ?? ''))),
  },
  {
    from: 'AWS::AutoScaling::AutoScalingGroup',
    relation: 'attachedTo',
    to: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    description: 'the group registers its instances in the target group (`TargetGroupARNs` or an `elbv2` traffic source)',
    link: (r, l, emit) => {
      for (const arn of strings(r.TargetGroupARNs)) emit(l.nodeOfArn(arn));
      for (const source of objects(r.TrafficSources)) if ((str(source.Type) ?? 'elbv2') === 'elbv2') emit(l.nodeOfArn(str(source.Identifier) ?? ''));
    },
  },
  {
    from: 'AWS::AutoScaling::AutoScalingGroup',
    relation: 'attachedTo',
    to: 'AWS::ElasticLoadBalancing::LoadBalancer',
    description: 'the group registers its instances with the classic load balancer (`LoadBalancerNames` or an `elb` traffic source)',
    link: (r, l, emit) => {
      for (const name of strings(r.LoadBalancerNames)) emit(l.node('AWS::ElasticLoadBalancing::LoadBalancer', r.accountId, r.region, name));
      for (const source of objects(r.TrafficSources)) if (str(source.Type) === 'elb') emit(l.node('AWS::ElasticLoadBalancing::LoadBalancer', r.accountId, r.region, str(source.Identifier) ?? ''));
    },
  },
  {
    from: 'AWS::ElasticLoadBalancingV2::Listener',
    relation: 'listensOn',
    to: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    description: 'the listener accepts traffic for the load balancer',
    link: (r, l, emit) => emit(l.nodeOfArn(str(r.LoadBalancerArn) ?? '')),
  },
  {
    from: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    relation: 'partOf',
    to: 'AWS::ElasticLoadBalancingV2::Listener',
    description: 'the rule is evaluated by the listener (read from the rule ARN)',
    link: (r, l, emit) => emit(l.nodeOfArn(listenerArnOfRule(r) ?? '')),
  },
  {
    from: 'AWS::ElasticLoadBalancingV2::Listener',
    relation: 'routesTo',
    to: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    description: 'the listener’s default actions forward to the target group (weighted forwards included)',
    link: (r, l, emit) => forwardTargets(r.DefaultActions).forEach((arn) => emit(l.nodeOfArn(arn))),
  },
  {
    from: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    relation: 'routesTo',
    to: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    description: 'the rule’s actions forward to the target group (weighted forwards included)',
    link: (r, l, emit) => forwardTargets(r.Actions).forEach((arn) => emit(l.nodeOfArn(arn))),
  },
  {
    from: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    relation: 'routesTo',
    to: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    description: 'the target group names the load balancer in its `LoadBalancerArns`',
    declaredOn: 'to',
    link: (r, l, emit) => strings(r.LoadBalancerArns).forEach((arn) => emit(l.nodeOfArn(arn))),
  },
  {
    from: 'AWS::EC2::Instance',
    relation: 'registeredIn',
    to: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    description: 'the instance is a target of the group (instance targets, and IP targets matched by private address)',
    declaredOn: 'to',
    link: (r, l, emit) => {
      const ipTargets = str(r.TargetType) === 'ip';
      const vpcId = str(r.VpcId);
      for (const t of targetHealthOf(r) ?? []) emit(ipTargets ? l.instanceAt(r.accountId, r.region, vpcId, t.id) : l.node('AWS::EC2::Instance', r.accountId, r.region, t.id), t.state);
    },
  },
  {
    from: 'AWS::EC2::Instance',
    relation: 'registeredIn',
    to: 'AWS::ElasticLoadBalancing::LoadBalancer',
    description: 'the instance is registered with the classic load balancer (`Instances`)',
    declaredOn: 'to',
    link: (r, l, emit) => objects(r.Instances).forEach((i) => emit(l.node('AWS::EC2::Instance', r.accountId, r.region, str(i.InstanceId) ?? ''))),
  },
  {
    from: 'AWS::EC2::Instance',
    relation: 'runsIn',
    to: 'AWS::EC2::Subnet',
    description: 'the instance’s subnet (`SubnetId`)',
    link: (r, l, emit) => emit(l.node('AWS::EC2::Subnet', r.accountId, r.region, str(r.SubnetId) ?? '')),
  },
  {
    from: 'AWS::AutoScaling::AutoScalingGroup',
    relation: 'runsIn',
    to: 'AWS::EC2::Subnet',
    description: 'a subnet of the group’s `VPCZoneIdentifier`',
    link: (r, l, emit) => subnetIds(r.VPCZoneIdentifier).forEach((id) => emit(l.node('AWS::EC2::Subnet', r.accountId, r.region, id))),
  },
  {
    from: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    relation: 'runsIn',
    to: 'AWS::EC2::Subnet',
    description: 'a subnet the load balancer is enabled in (`AvailabilityZones[].SubnetId`)',
    link: (r, l, emit) => objects(r.AvailabilityZones).forEach((z) => emit(l.node('AWS::EC2::Subnet', r.accountId, r.region, str(z.SubnetId) ?? ''))),
  },
  {
    from: 'AWS::ElasticLoadBalancing::LoadBalancer',
    relation: 'runsIn',
    to: 'AWS::EC2::Subnet',
    description: 'a subnet the classic load balancer is attached to (`Subnets`)',
    link: (r, l, emit) => strings(r.Subnets).forEach((id) => emit(l.node('AWS::EC2::Subnet', r.accountId, r.region, id))),
  },
  {
    from: 'AWS::EC2::Volume',
    relation: 'attachedTo',
    to: 'AWS::EC2::Instance',
    description: 'the volume is attached to the instance (`Attachments`, or the instance’s `BlockDeviceMappings`)',
    link: (r, l, emit) => {
      const attachments = objects(r.Attachments);
      for (let i = 0; i < attachments.length; i++) emit(l.node('AWS::EC2::Instance', r.accountId, r.region, str(attachments[i]!.InstanceId) ?? ''));
    },
  },
  {
    from: 'AWS::EC2::Volume',
    relation: 'attachedTo',
    to: 'AWS::EC2::Instance',
    description: 'the instance lists the volume in its `BlockDeviceMappings`',
    declaredOn: 'to',
    link: (r, l, emit) => {
      const mappings = objects(r.BlockDeviceMappings);
      for (let i = 0; i < mappings.length; i++) emit(l.node('AWS::EC2::Volume', r.accountId, r.region, str(at(mappings[i], 'Ebs', 'VolumeId')) ?? ''));
    },
  },
  {
    from: 'AWS::EC2::EIP',
    relation: 'associatedWith',
    to: 'AWS::EC2::Instance',
    description: 'the Elastic IP is associated with the instance (`InstanceId`)',
    link: (r, l, emit) => emit(l.node('AWS::EC2::Instance', r.accountId, r.region, str(r.InstanceId) ?? '')),
  },
  {
    from: 'AWS::EC2::Instance',
    relation: 'protectedBy',
    to: 'AWS::EC2::SecurityGroup',
    description: 'a security group of the instance',
    link: (r, l, emit) => {
      const groups = objects(r.SecurityGroups);
      for (let i = 0; i < groups.length; i++) emit(l.node('AWS::EC2::SecurityGroup', r.accountId, r.region, str(groups[i]!.GroupId) ?? ''));
    },
  },
  {
    from: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    relation: 'protectedBy',
    to: 'AWS::EC2::SecurityGroup',
    description: 'a security group of the load balancer',
    link: (r, l, emit) => strings(r.SecurityGroups).forEach((id) => emit(l.node('AWS::EC2::SecurityGroup', r.accountId, r.region, id))),
  },
  {
    from: 'AWS::ElasticLoadBalancing::LoadBalancer',
    relation: 'protectedBy',
    to: 'AWS::EC2::SecurityGroup',
    description: 'a security group of the classic load balancer',
    link: (r, l, emit) => strings(r.SecurityGroups).forEach((id) => emit(l.node('AWS::EC2::SecurityGroup', r.accountId, r.region, id))),
  },
  {
    from: 'AWS::AutoScaling::AutoScalingGroup',
    relation: 'launchedFrom',
    to: 'AWS::EC2::LaunchTemplate',
    description: 'the group launches instances from the template (`LaunchTemplate` or `MixedInstancesPolicy`)',
    link: (r, l, emit) => launchTemplateIds(r).forEach((id) => emit(l.node('AWS::EC2::LaunchTemplate', r.accountId, r.region, id))),
  },
  {
    from: 'AWS::AutoScaling::AutoScalingGroup',
    relation: 'launchedFrom',
    to: 'AWS::AutoScaling::LaunchConfiguration',
    description: 'the group launches instances from the launch configuration',
    link: (r, l, emit) => emit(l.node('AWS::AutoScaling::LaunchConfiguration', r.accountId, r.region, str(r.LaunchConfigurationName) ?? '')),
  },
  ...(['AWS::AutoScaling::ScalingPolicy', 'AWS::AutoScaling::LifecycleHook', 'AWS::AutoScaling::ScheduledAction', 'AWS::AutoScaling::WarmPool'] as const).map(
    (from): RelationshipSpec => ({
      from,
      relation: 'configures',
      to: 'AWS::AutoScaling::AutoScalingGroup',
      description: 'applies to the group (`AutoScalingGroupName`)',
      link: (r, l, emit) => emit(l.node('AWS::AutoScaling::AutoScalingGroup', r.accountId, r.region, str(r.AutoScalingGroupName) ?? '')),
    }),
  ),
];

/** The subnet ids of a `VPCZoneIdentifier` ("subnet-a,subnet-b"). */
export function subnetIds(value: unknown): string[] {
  return (str(value) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The launch template ids or names a group references, directly or through its mixed instances policy. */
export function launchTemplateRefs(group: AwsResource): { id?: string; name?: string }[] {
  const specs = [group.LaunchTemplate, at(group, 'MixedInstancesPolicy', 'LaunchTemplate', 'LaunchTemplateSpecification')];
  const out: { id?: string; name?: string }[] = [];
  // Indexed, and each reference made whole: read for every group, often before the loop is optimized.
  for (let s = 0; s < specs.length; s++) {
    const id = str(at(specs[s], 'LaunchTemplateId'));
    const name = str(at(specs[s], 'LaunchTemplateName'));
    if (id && name) out.push({ id, name });
    else if (id) out.push({ id });
    else if (name) out.push({ name });
  }
  return out;
}

// A template referenced by name is found through the `name:` alias the graph
// registers for every launch template.
function launchTemplateIds(group: AwsResource): string[] {
  return launchTemplateRefs(group).map((ref) => ref.id ?? `name:${ref.name ?? ''}`);
}
