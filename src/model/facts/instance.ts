/** Facts about an EC2 instance: where it runs, what fronts it, what pins it, what state it holds. */
import { at, bool, instanceState, isLiveState, num, objects, str } from '../aws-shapes.js';
import { databaseEvidence } from '../database-hints.js';
import type { Node } from '../graph.js';
import { sortInPlace } from '../sort.js';
import { NO_STRINGS, fact, listOf, namesOf, pushAll, sortedUnique, zoneOf, type FactContext, type FactDeriver } from './context.js';
import { balancersOfTargetGroup, healthyInstances, isTargetGroupInUse } from './targets.js';

const ASG = 'AWS::AutoScaling::AutoScalingGroup';
const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const DAY_MS = 86_400_000;
const MONITORING_ON = new Set(['enabled', 'pending']);

/** An EBS volume attached to an instance, other than its root volume. */
export interface DataVolume {
  id: string;
  sizeGiB: number;
  /** True when the volume outlives the instance (DeleteOnTermination false). */
  persistent: boolean;
}

/** The non-root EBS volumes of an instance, from its block device mappings and the volumes' attachments. */
export function dataVolumesOf(context: FactContext, instance: Node): DataVolume[] {
  const root = str(instance.resource.RootDeviceName);
  // A list keyed by volume id (an instance has a handful): a later entry replaces an earlier one in place.
  const volumes: DataVolume[] = [];
  const mappings = objects(instance.resource.BlockDeviceMappings);
  for (let i = 0; i < mappings.length; i++) {
    const mapping = mappings[i]!;
    // The root device first: most instances map only that, and its volume id is never read.
    if (root !== undefined && str(mapping.DeviceName) === root) continue;
    const id = str(at(mapping, 'Ebs', 'VolumeId'));
    if (!id) continue;
    put(volumes, { id, sizeGiB: 0, persistent: bool(at(mapping, 'Ebs', 'DeleteOnTermination')) === false });
  }
  const attached = context.graph.in(instance, 'attachedTo', 'AWS::EC2::Volume');
  for (let v = 0; v < attached.length; v++) {
    const volume = attached[v]!;
    const attachment = attachmentTo(volume, instance.ref.id);
    const device = str(attachment?.Device);
    const known = indexOfVolume(volumes, volume.ref.id);
    if (root !== undefined && device === root) {
      if (known >= 0) volumes.splice(known, 1);
      continue;
    }
    const deleteOnTermination = bool(attachment?.DeleteOnTermination);
    put(volumes, {
      id: volume.ref.id,
      sizeGiB: num(volume.resource.Size) ?? 0,
      persistent: known >= 0 ? volumes[known]!.persistent : deleteOnTermination === false,
    });
  }
  return sortInPlace(volumes, byVolumeId);
}

const byVolumeId = (a: DataVolume, b: DataVolume): number => a.id.localeCompare(b.id);

// A loop rather than find(): called for every volume of 100k instances.
function attachmentTo(volume: Node, instanceId: string): Record<string, unknown> | undefined {
  const attachments = objects(volume.resource.Attachments);
  for (let i = 0; i < attachments.length; i++) if (str(attachments[i]!.InstanceId) === instanceId) return attachments[i];
  return undefined;
}

function indexOfVolume(volumes: readonly DataVolume[], id: string): number {
  for (let i = 0; i < volumes.length; i++) if (volumes[i]!.id === id) return i;
  return -1;
}

function put(volumes: DataVolume[], volume: DataVolume): void {
  const at = indexOfVolume(volumes, volume.id);
  if (at < 0) volumes.push(volume);
  else volumes[at] = volume;
}

/** What is in front of an instance. */
export interface Front {
  targetGroups: readonly Node[];
  classics: readonly Node[];
  group?: Node;
}

/** The target groups and classic load balancers in front of an instance: its own registrations and its group's attachments. */
export function frontOf(context: FactContext, instance: Node): Front {
  const group = context.graph.out(instance, 'memberOf', ASG)[0];
  const ownTargetGroups = context.graph.out(instance, 'registeredIn', TARGET_GROUP);
  const ownClassics = context.graph.out(instance, 'registeredIn', CLASSIC);
  if (!group) return { targetGroups: ownTargetGroups, classics: ownClassics };
  // A group's attachments are read once for all its members.
  const attachedTargetGroups = context.memo(group, 'attachedTargetGroups', targetGroupsAttachedTo);
  const attachedClassics = context.memo(group, 'attachedClassics', classicsAttachedTo);
  return { targetGroups: union(ownTargetGroups, attachedTargetGroups), classics: union(ownClassics, attachedClassics), group };
}

const targetGroupsAttachedTo = (context: FactContext, group: Node): readonly Node[] => context.graph.out(group, 'attachedTo', TARGET_GROUP);
const classicsAttachedTo = (context: FactContext, group: Node): readonly Node[] => context.graph.out(group, 'attachedTo', CLASSIC);

// The group's attachments come after the instance's own registrations, each once; a list is
// copied only when both have some (each of 100k group members asks).
function union(own: readonly Node[], attached: readonly Node[]): readonly Node[] {
  if (attached.length === 0) return own;
  if (own.length === 0) return attached;
  const all = [...own];
  for (let i = 0; i < attached.length; i++) if (!all.includes(attached[i]!)) all.push(attached[i]!);
  return all;
}

// Nearly always every target group is in use: the list itself then, not a copy for each of 100k instances.
function targetGroupsInUse(context: FactContext, targetGroups: readonly Node[]): readonly Node[] {
  for (let i = 0; i < targetGroups.length; i++) if (!isTargetGroupInUse(context, targetGroups[i]!)) return targetGroups.filter((tg) => isTargetGroupInUse(context, tg));
  return targetGroups;
}

// Given the target groups in use, which the instance's facts have already picked out.
function isHealthyTarget(context: FactContext, instance: Node, usedTargetGroups: readonly Node[], classics: readonly Node[]): boolean {
  for (let i = 0; i < usedTargetGroups.length; i++) if (healthyInstances(context, usedTargetGroups[i]!).has(instance.index)) return true;
  for (let i = 0; i < classics.length; i++) if (healthyInstances(context, classics[i]!).has(instance.index)) return true;
  return false;
}

// What a security group's open ports say (the same for every instance using it).
const portEvidence = (_context: FactContext, group: Node): string[] => databaseEvidence({}, [group.resource]);

// When Elastic IPs were not collected, an interface's public address owned by an
// account (not `amazon`) is still an Elastic IP.
function hasElasticAddress(instance: Node['resource']): boolean {
  const interfaces = objects(instance.NetworkInterfaces);
  for (let i = 0; i < interfaces.length; i++) {
    const owner = str(at(interfaces[i], 'Association', 'IpOwnerId'));
    if (owner !== undefined && owner !== 'amazon') return true;
  }
  return false;
}

// Nearly every instance has one security group, which many instances share: one list per group, not per instance.
function securityGroupIds(context: FactContext, instance: Node['resource']): readonly string[] {
  const groups = objects(instance.SecurityGroups);
  if (groups.length !== 1) return sortedUnique(groups.map((g) => str(g.GroupId)));
  const id = str(groups[0]!.GroupId);
  return id === undefined ? NO_STRINGS : context.listOfOne(id);
}

export const instanceFacts: FactDeriver = {
  type: 'AWS::EC2::Instance',
  includesCommonFacts: true,
  facts: {
    state: fact('The instance state: `pending`, `running`, `stopping`, `stopped`, `shutting-down` or `terminated`.', 'ec2'),
    running: fact('True when the instance is running or pending, i.e. it counts as a replica.', 'ec2'),
    zone: fact('The Availability Zone name (`us-east-1a`), or empty when unknown.', 'ec2'),
    zoneId: fact('The Availability Zone id (`use1-az6`), the same zone in every account; empty when unknown.', 'ec2'),
    inASG: fact('True when an Auto Scaling group manages the instance (membership or its `aws:autoscaling:groupName` tag).', 'ec2'),
    autoScalingGroup: fact('The name of the managing Auto Scaling group, or empty.', 'ec2'),
    behindLoadBalancer: fact('True when a load balancer sends it traffic: a target group in use or a classic load balancer, directly or through its Auto Scaling group.', 'ec2', 'elbv2', 'elb', 'autoscaling'),
    healthyBehindLoadBalancer: fact('True when the instance is a healthy target of a load balancer in front of it.', 'ec2', 'elbv2', 'elb', 'autoscaling'),
    targetGroups: fact('Names of the target groups the instance is registered in, directly or through its group.', 'ec2', 'elbv2', 'autoscaling'),
    classicLoadBalancers: fact('Names of the classic load balancers the instance is registered with, directly or through its group.', 'ec2', 'elb', 'autoscaling'),
    loadBalancers: fact('Names of the load balancers (ALB, NLB, classic) in front of the instance.', 'ec2', 'elbv2', 'elb', 'autoscaling'),
    elasticIp: fact('True when an Elastic IP is associated with the instance.', 'ec2'),
    elasticIps: fact('The public addresses of the Elastic IPs associated with the instance.', 'ec2'),
    publicIp: fact('True when the instance has a public IPv4 address (Elastic or not).', 'ec2'),
    dataVolumes: fact('Ids of the attached EBS volumes other than the root volume.', 'ec2'),
    dataVolumeGiB: fact('Total size of the data volumes in GiB (0 when their sizes were not collected).', 'ec2'),
    persistentDataVolumes: fact('Ids of data volumes that survive the instance (DeleteOnTermination false).', 'ec2'),
    instanceStore: fact('True when the instance type has instance store volumes or the root device is instance store (data lost on stop).', 'ec2'),
    databaseLike: fact('True when names, tags or open ports suggest a database or another stateful server.', 'ec2'),
    databaseEvidence: fact('Why the instance looks like a stateful server (tags, security group ports), for people to check.', 'ec2'),
    ageDays: fact('Whole days between the launch time and the snapshot time; -1 when unknown.', 'ec2'),
    autoRecovery: fact('`MaintenanceOptions.AutoRecovery`: `default` (simplified automatic recovery on) or `disabled`.', 'ec2'),
    detailedMonitoring: fact('True when detailed (1-minute) CloudWatch monitoring is enabled.', 'ec2'),
    securityGroups: fact('Ids of the instance’s security groups.', 'ec2'),
  },
  derive(node, context) {
    const r = node.resource;
    const tags = node.tags;
    const state = instanceState(r);
    const zone = zoneOf(r) ?? '';
    const { targetGroups, classics, group } = frontOf(context, node);
    const usedTargetGroups = targetGroupsInUse(context, targetGroups);
    // Classic load balancers, then those routing to a target group in use (namesOf sorts the names).
    let balancers: readonly Node[] = classics;
    if (usedTargetGroups.length === 1 && classics.length === 0) balancers = balancersOfTargetGroup(context, usedTargetGroups[0]!);
    else if (usedTargetGroups.length > 0) {
      const all = [...classics];
      for (let t = 0; t < usedTargetGroups.length; t++) pushAll(all, balancersOfTargetGroup(context, usedTargetGroups[t]!));
      balancers = all;
    }
    const eips = context.graph.in(node, 'associatedWith', 'AWS::EC2::EIP');
    const volumes = dataVolumesOf(context, node);
    const securityGroups = context.graph.out(node, 'protectedBy', 'AWS::EC2::SecurityGroup');
    const found = databaseEvidence(tags);
    for (let g = 0; g < securityGroups.length; g++) pushAll(found, context.memo(securityGroups[g]!, 'databasePorts', portEvidence));
    const evidence = sortedUnique(found);
    const typeInfo = context.instanceType(node.ref.region, str(r.InstanceType) ?? '');
    const launched = Date.parse(str(r.LaunchTime) ?? '');
    const groupName = group?.ref.name ?? tags['aws:autoscaling:groupName'] ?? '';
    return {
      state,
      running: isLiveState(state),
      zone,
      zoneId: (zone && context.graph.zoneId(node.ref.accountId, node.ref.region, zone)) || '',
      inASG: groupName !== '',
      autoScalingGroup: groupName,
      behindLoadBalancer: classics.length > 0 || usedTargetGroups.length > 0,
      healthyBehindLoadBalancer: isHealthyTarget(context, node, usedTargetGroups, classics),
      targetGroups: namesOf(targetGroups, context),
      classicLoadBalancers: namesOf(classics, context),
      loadBalancers: namesOf(balancers, context),
      elasticIp: eips.length > 0 || hasElasticAddress(r),
      elasticIps: eips.length === 0 ? NO_STRINGS : sortedUnique(eips.map((e) => str(e.resource.PublicIp))),
      publicIp: str(r.PublicIpAddress) !== undefined,
      dataVolumes: volumes.length === 0 ? NO_STRINGS : volumes.map((v) => v.id),
      dataVolumeGiB: volumes.length === 0 ? 0 : volumes.reduce((sum, v) => sum + v.sizeGiB, 0),
      persistentDataVolumes: volumes.length === 0 ? NO_STRINGS : listOf(volumes.filter((v) => v.persistent).map((v) => v.id)),
      instanceStore: str(r.RootDeviceType) === 'instance-store' || (num(at(typeInfo, 'InstanceStorageInfo', 'TotalSizeInGB')) ?? 0) > 0,
      databaseLike: evidence.length > 0,
      databaseEvidence: evidence,
      ageDays: context.snapshotTime !== undefined && Number.isFinite(launched) ? Math.max(0, Math.floor((context.snapshotTime - launched) / DAY_MS)) : -1,
      autoRecovery: str(at(r, 'MaintenanceOptions', 'AutoRecovery')) ?? 'default',
      detailedMonitoring: MONITORING_ON.has(str(at(r, 'Monitoring', 'State')) ?? ''),
      securityGroups: securityGroupIds(context, r),
      // The common facts, in the literal: added afterwards, they would grow each of 100k objects twice.
      name: node.ref.name,
      tags,
      coverage: context.coverage(node.ref.accountId, node.ref.region),
      workloads: context.workloadIdsOf(node),
    };
  },
};
