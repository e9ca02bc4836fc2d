/**
 * Gathers, once per workload, the AWS resources every mapping concern reads:
 * the group, its running instances, the load balancers, listeners, rules and
 * target groups in front, volumes, security groups, scaling policies, hooks and
 * scheduled actions. Pure: reads the model only.
 */
import { forwardTargets } from '../model/aws-shapes.js';
import { ByRegion } from '../model/by-region.js';
import { sortInPlace, sortStrings } from '../model/sort.js';
import type { Model, ResourceRef, Workload } from '../model/types.js';
import { resourcesOf, type AwsResource, type InstanceTypeInfo, type ResourceType, type Snapshot } from '../snapshot/types.js';
import { asArray, asBoolean, asNumber, asRecord, asString, refOf, tagsOf, type Sourced } from './aws-fields.js';

/** An EBS volume attached to an instance other than as its root device. */
export interface DataVolume {
  volume: Sourced;
  instance: Sourced;
  device: string;
  deleteOnTermination: boolean;
}

/** The AMI an instance was launched from, as far as the snapshot knows it. */
export interface ImageInfo {
  id?: string;
  name?: string;
  description?: string;
  source?: Sourced;
}

export interface WorkloadSources {
  model: Model;
  workload: Workload;
  asg?: Sourced;
  /** Running instances, sorted by id; all member instances when none is running. */
  instances: Sourced[];
  targetGroups: Sourced[];
  /** Application and network load balancers (ELBv2). */
  loadBalancers: Sourced[];
  classicLoadBalancers: Sourced[];
  /** Listeners of the ELBv2 load balancers in front (a list shared by the workloads behind one load balancer: never change it). */
  listeners: Sourced[];
  /** Listener rules that forward to one of the workload's target groups. */
  rules: Sourced[];
  dataVolumes: DataVolume[];
  /**
   * Root volumes of the instances (their size hints at where state lives when there is no data volume).
   * Every instance has one and few plans read them, so they are looked up when asked for.
   */
  rootVolumes(): Sourced[];
  securityGroups: Sourced[];
  /** Elastic IPs associated with the instances. */
  elasticIps: Sourced[];
  scalingPolicies: Sourced[];
  lifecycleHooks: Sourced[];
  scheduledActions: Sourced[];
  warmPools: Sourced[];
  instanceType?: { name: string; info?: InstanceTypeInfo; source: Sourced };
  image: ImageInfo;
  /** A resource of the workload's account and region by type and id. */
  lookup(type: ResourceType, id: string): Sourced | undefined;
  /** The data of that resource, for readers that need no reference to it (cheaper than lookup). */
  resource(type: ResourceType, id: string): AwsResource | undefined;
  /** The tags of a resource as a map (several concerns read the same instances' tags): a shared map, never change it. */
  tags(source: Sourced): Readonly<Record<string, string>>;
  /** The tags of each of `instances`, in their order: several concerns walk them all (shared maps, never change them). */
  instanceTags(): readonly Readonly<Record<string, string>>[];
  /**
   * Each tag key/value pair of the group and the instances once, in the order first seen
   * (instances of a group mostly share their tags, and several concerns read them all).
   */
  tagPairs(): readonly TagPair[];
}

/** One tag. */
export interface TagPair {
  key: string;
  value: string;
}

/** Values by account, region and a key (a group name or an ARN): nested maps, so that a lookup builds no key string. */
type Scoped<T> = ByRegion<Map<string, T>>;

interface Index {
  byAsg: Scoped<{ policies: AwsResource[]; hooks: AwsResource[]; actions: AwsResource[]; warmPools: AwsResource[] }>;
  listenersByLb: Scoped<AwsResource[]>;
  rulesByTargetGroup: Scoped<AwsResource[]>;
  /** `region|type name` → the first description of the type in the region. */
  instanceTypes: Map<string, InstanceTypeInfo>;
}

const indexes = new WeakMap<Snapshot, Index>();

/** The entry of `key` in the resource's account and region, created when missing. */
function entryOf<T>(index: Scoped<T>, resource: AwsResource, key: string, create: () => T): T {
  const byKey = index.ensure(resource.accountId, resource.region, () => new Map());
  let entry = byKey.get(key);
  if (entry === undefined) byKey.set(key, (entry = create()));
  return entry;
}

/** forwardedTargetGroups by action list: the listeners and rules of a shared load balancer are read once per workload behind it. */
const forwardedByActions = new WeakMap<object, readonly string[]>();

/** Target group ARNs an action list forwards to (simple and weighted forwards with a weight above 0); a shared list: never change it. */
export function forwardedTargetGroups(actions: unknown): readonly string[] {
  if (typeof actions !== 'object' || actions === null) return forwardTargets(actions);
  let arns = forwardedByActions.get(actions);
  if (arns === undefined) forwardedByActions.set(actions, (arns = forwardTargets(actions)));
  return arns;
}

function buildIndex(snapshot: Snapshot): Index {
  const byAsg: Index['byAsg'] = new ByRegion();
  const slot = (r: AwsResource) => entryOf(byAsg, r, String(r.AutoScalingGroupName ?? ''), () => ({ policies: [], hooks: [], actions: [], warmPools: [] }));
  for (const r of resourcesOf(snapshot, 'AWS::AutoScaling::ScalingPolicy')) slot(r).policies.push(r);
  for (const r of resourcesOf(snapshot, 'AWS::AutoScaling::LifecycleHook')) slot(r).hooks.push(r);
  for (const r of resourcesOf(snapshot, 'AWS::AutoScaling::ScheduledAction')) slot(r).actions.push(r);
  for (const r of resourcesOf(snapshot, 'AWS::AutoScaling::WarmPool')) slot(r).warmPools.push(r);
  const listenersByLb: Index['listenersByLb'] = new ByRegion();
  for (const r of resourcesOf(snapshot, 'AWS::ElasticLoadBalancingV2::Listener')) entryOf(listenersByLb, r, String(r.LoadBalancerArn ?? ''), () => []).push(r);
  const rulesByTargetGroup: Index['rulesByTargetGroup'] = new ByRegion();
  for (const r of resourcesOf(snapshot, 'AWS::ElasticLoadBalancingV2::ListenerRule')) {
    for (const arn of forwardedTargetGroups(r.Actions)) entryOf(rulesByTargetGroup, r, arn, () => []).push(r);
  }
  const instanceTypes: Index['instanceTypes'] = new Map();
  for (const t of snapshot.instanceTypes) {
    const key = `${t.region}|${t.InstanceType}`;
    if (!instanceTypes.has(key)) instanceTypes.set(key, t);
  }
  return { byAsg, listenersByLb, rulesByTargetGroup, instanceTypes };
}

function indexOf(snapshot: Snapshot): Index {
  let index = indexes.get(snapshot);
  if (!index) indexes.set(snapshot, (index = buildIndex(snapshot)));
  return index;
}

/** Types with no ARN field in refOf or the resolver: their references are the same in both. */
const PLAIN_REF_TYPES: ReadonlySet<ResourceType> = new Set<ResourceType>(['AWS::EC2::Instance', 'AWS::EC2::Volume', 'AWS::EC2::EIP']);

const byId = (a: Sourced, b: Sourced): number => a.ref.id.localeCompare(b.ref.id);

/**
 * Types whose resources many workloads read (security groups shared across groups, the listeners
 * and rules of a shared load balancer): their sources are built once and shared.
 */
const SHARED_TYPES: ReadonlySet<ResourceType> = new Set<ResourceType>(['AWS::EC2::SecurityGroup', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule']);

const sharedSources = new WeakMap<AwsResource, Sourced>();

/** A resource of the snapshot with the reference refOf gives it (a shared object for SHARED_TYPES: never change it). */
function sourced(type: ResourceType, data: AwsResource): Sourced {
  if (!SHARED_TYPES.has(type)) return { ref: refOf(type, data), data };
  let source = sharedSources.get(data);
  if (source === undefined) sharedSources.set(data, (source = { ref: refOf(type, data), data }));
  return source;
}

/** The resources of a list, referenced and sorted by id (in place: a workload's lists are short, and mostly sorted already). */
function sortedSources(type: ResourceType, list: readonly AwsResource[] | undefined): Sourced[] {
  if (!list || list.length === 0) return [];
  const out = new Array<Sourced>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = sourced(type, list[i]!);
  return sortInPlace(out, byId);
}

/** The AMI's name and description, when the snapshot carries them next to the instance. */
function imageOf(instance: Sourced | undefined): ImageInfo {
  if (!instance) return {};
  const data = instance.data;
  const image = asRecord(data.Image);
  return {
    id: asString(data.ImageId) ?? asString(image.ImageId),
    name: asString(image.Name) ?? asString(data.ImageName),
    description: asString(image.Description) ?? asString(data.ImageDescription),
    source: instance,
  };
}

/** The reference of a workload's member: the workload's own (the resolver's), or refOf's where that has an ARN. */
function fromRef(ref: ResourceRef, data: AwsResource | undefined): Sourced | undefined {
  if (!data) return undefined;
  // The workload's reference names the resource as the resolver does; without an ARN it is the reference refOf would build.
  return { ref: PLAIN_REF_TYPES.has(ref.type) ? ref : refOf(ref.type, data, ref.name), data };
}

/** The sources of a list of references sorted by id, each paired with `data` at the same position when given. */
function fromRefs(model: Model, refs: readonly ResourceRef[], data: readonly AwsResource[] | undefined): Sourced[] {
  const paired = data?.length === refs.length ? data : undefined;
  const found: Sourced[] = [];
  for (let i = 0; i < refs.length; i++) {
    const source = fromRef(refs[i]!, paired ? paired[i] : model.resource(refs[i]!));
    if (source) found.push(source);
  }
  return sortInPlace(found, byId);
}

/*
 * The steps of gatherSources below are functions of their own: each is compiled on its own,
 * so that a resource shape met late in a large estate recompiles one step, not the whole gathering.
 */

/**
 * The listeners of one load balancer, by its list in the index: the same for every workload behind
 * it (an estate's load balancers each serve several), so built once (a shared list: never change it).
 */
const listsOfOne = new WeakMap<readonly AwsResource[], Sourced[]>();

function listOfOne(list: readonly AwsResource[], build: () => Sourced[]): Sourced[] {
  let sources = listsOfOne.get(list);
  if (sources === undefined) listsOfOne.set(list, (sources = build()));
  return sources;
}

/** The listeners of the ELBv2 load balancers, sorted by id. */
function listenersOf(byLb: Map<string, AwsResource[]> | undefined, loadBalancers: readonly Sourced[]): Sourced[] {
  if (!byLb) return [];
  const only = loadBalancers.length === 1 ? byLb.get(loadBalancers[0]!.ref.id) : undefined;
  if (only) return listOfOne(only, () => listenersOfAll(byLb, loadBalancers));
  return listenersOfAll(byLb, loadBalancers);
}

function listenersOfAll(byLb: Map<string, AwsResource[]>, loadBalancers: readonly Sourced[]): Sourced[] {
  const listeners: Sourced[] = [];
  for (const lb of loadBalancers) for (const l of byLb.get(lb.ref.id) ?? []) listeners.push(sourced('AWS::ElasticLoadBalancingV2::Listener', l));
  return sortInPlace(listeners, byId);
}

/** The listener rules that forward to one of the target groups, each once, sorted by id. */
function rulesOf(byTargetGroup: Map<string, AwsResource[]> | undefined, targetGroups: readonly Sourced[]): Sourced[] {
  const ruleMap = new Map<string, Sourced>();
  if (byTargetGroup) {
    for (const tg of targetGroups) {
      for (const rule of byTargetGroup.get(tg.ref.id) ?? []) {
        const s = sourced('AWS::ElasticLoadBalancingV2::ListenerRule', rule);
        ruleMap.set(s.ref.id, s);
      }
    }
  }
  return sortInPlace([...ruleMap.values()], byId);
}

/** The data volumes of the instances (sorted by instance, device and volume), and the ids of their root volumes. */
function volumesOf(instances: readonly Sourced[], lookup: (type: ResourceType, id: string) => Sourced | undefined): { dataVolumes: DataVolume[]; rootVolumeIds: string[] } {
  const dataVolumes: DataVolume[] = [];
  const rootVolumeIds: string[] = [];
  for (const instance of instances) {
    const root = asString(instance.data.RootDeviceName);
    for (const mapping of asArray(instance.data.BlockDeviceMappings)) {
      const m = asRecord(mapping);
      const ebs = asRecord(m.Ebs);
      const volumeId = asString(ebs.VolumeId);
      if (!volumeId) continue;
      const device = asString(m.DeviceName) ?? '';
      if (root && device === root) {
        rootVolumeIds.push(volumeId);
        continue;
      }
      const volume = lookup('AWS::EC2::Volume', volumeId);
      if (volume) dataVolumes.push({ volume, instance, device, deleteOnTermination: asBoolean(ebs.DeleteOnTermination) ?? false });
    }
  }
  sortInPlace(dataVolumes, (a, b) => a.instance.ref.id.localeCompare(b.instance.ref.id) || a.device.localeCompare(b.device) || a.volume.ref.id.localeCompare(b.volume.ref.id));
  return { dataVolumes, rootVolumeIds };
}

/** The security groups of the instances, sorted by id. */
function securityGroupsOf(instances: readonly Sourced[], lookup: (type: ResourceType, id: string) => Sourced | undefined): Sourced[] {
  // A workload's instances mostly share their one to three groups: a short list beats a set.
  const groupIds: string[] = [];
  for (const instance of instances) for (const sg of asArray(instance.data.SecurityGroups)) {
    const id = asString(asRecord(sg).GroupId);
    if (id && !groupIds.includes(id)) groupIds.push(id);
  }
  const securityGroups: Sourced[] = [];
  for (const id of sortStrings(groupIds)) {
    const sg = lookup('AWS::EC2::SecurityGroup', id);
    if (sg) securityGroups.push(sg);
  }
  return securityGroups;
}

/** The Elastic IPs among the workload's resources, sorted by id (few workloads have any: found by reference). */
function elasticIpsOf(model: Model, workload: Workload): Sourced[] {
  return fromRefs(model, workload.resources.filter((r) => r.type === 'AWS::EC2::EIP'), undefined);
}

/** The AMI of the first instance, else the one the group's launch configuration names. */
function imageFor(first: Sourced | undefined, asg: Sourced | undefined, lookup: (type: ResourceType, id: string) => Sourced | undefined): ImageInfo {
  const image = imageOf(first);
  if (image.id || !asg) return image;
  // No instance to read: the launch configuration names the AMI.
  const lcName = asString(asg.data.LaunchConfigurationName);
  const lc = lcName ? lookup('AWS::AutoScaling::LaunchConfiguration', lcName) : undefined;
  return lc ? { id: asString(lc.data.ImageId), source: lc } : image;
}

/** Collects the resources a workload's mapping reads. */
export function gatherSources(model: Model, workload: Workload): WorkloadSources {
  const { accountId, region } = workload;
  const resource = (type: ResourceType, id: string): AwsResource | undefined => model.resource({ type, id, accountId, region });
  const lookup = (type: ResourceType, id: string): Sourced | undefined => {
    const data = resource(type, id);
    return data ? sourced(type, data) : undefined;
  };
  // The members' data as the model holds it, in the order of the workload's lists: no lookup per reference.
  const members = model.membersOf?.(workload.id);

  const asg = workload.autoScalingGroup ? fromRef(workload.autoScalingGroup, members ? members.autoScalingGroup : model.resource(workload.autoScalingGroup)) : undefined;
  let instances = fromRefs(model, workload.runningInstances, members?.runningInstances);
  if (instances.length === 0) instances = fromRefs(model, workload.instances, members?.instances);
  const targetGroups = fromRefs(model, workload.targetGroups, members?.targetGroups);
  const lbs = fromRefs(model, workload.loadBalancers, members?.loadBalancers);
  const loadBalancers = lbs.filter((lb) => lb.ref.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  const classicLoadBalancers = lbs.filter((lb) => lb.ref.type === 'AWS::ElasticLoadBalancing::LoadBalancer');

  const index = indexOf(model.snapshot);
  const listeners = listenersOf(index.listenersByLb.get(accountId, region), loadBalancers);
  const rules = rulesOf(index.rulesByTargetGroup.get(accountId, region), targetGroups);
  const { dataVolumes, rootVolumeIds } = volumesOf(instances, lookup);
  const securityGroups = securityGroupsOf(instances, lookup);

  const asgName = asg ? asString(asg.data.AutoScalingGroupName) : undefined;
  const group = asgName ? index.byAsg.get(accountId, region)?.get(asgName) : undefined;

  const first = instances[0];
  const typeName = asString(first?.data.InstanceType);
  const info = typeName ? index.instanceTypes.get(`${region}|${typeName}`) : undefined;
  const image = imageFor(first, asg, lookup);
  const elasticIps = elasticIpsOf(model, workload);

  // The model keeps every resource's tag map as its `tags` fact: read there rather than built again
  // for each of an estate's instances; built (once per workload) only where the model has none.
  let tagMaps: Map<AwsResource, Record<string, string>> | undefined;
  const tags = (source: Sourced): Readonly<Record<string, string>> => {
    const kept = model.facts(source.ref).tags;
    if (typeof kept === 'object' && kept !== null) return kept as Readonly<Record<string, string>>;
    tagMaps ??= new Map();
    let map = tagMaps.get(source.data);
    if (!map) tagMaps.set(source.data, (map = tagsOf(source.data)));
    return map;
  };
  let instanceTags: Readonly<Record<string, string>>[] | undefined;
  const tagsOfInstances = () => (instanceTags ??= instances.map(tags));
  let pairs: TagPair[] | undefined;
  return {
    model,
    workload,
    asg,
    instances,
    targetGroups,
    loadBalancers,
    classicLoadBalancers,
    listeners,
    rules,
    dataVolumes,
    rootVolumes: () => rootVolumeIds.map((id) => lookup('AWS::EC2::Volume', id)).filter((v): v is Sourced => v !== undefined),
    securityGroups,
    elasticIps,
    scalingPolicies: sortedSources('AWS::AutoScaling::ScalingPolicy', group?.policies),
    lifecycleHooks: sortedSources('AWS::AutoScaling::LifecycleHook', group?.hooks),
    scheduledActions: sortedSources('AWS::AutoScaling::ScheduledAction', group?.actions),
    warmPools: sortedSources('AWS::AutoScaling::WarmPool', group?.warmPools),
    instanceType: typeName && first ? { name: typeName, info, source: first } : undefined,
    image,
    lookup,
    resource,
    tags,
    instanceTags: tagsOfInstances,
    tagPairs: () => (pairs ??= distinctTags(asg ? tags(asg) : undefined, tagsOfInstances())),
  };
}

function distinctTags(groupTags: Readonly<Record<string, string>> | undefined, instanceTags: readonly Readonly<Record<string, string>>[]): TagPair[] {
  const pairs: TagPair[] = [];
  // The values seen per key: most keys have one value across a workload, kept as is; a set only for a second one.
  const seen = new Map<string, string | Set<string>>();
  const add = (all: Readonly<Record<string, string>>) => {
    for (const key of Object.keys(all)) {
      const value = all[key] as string;
      const values = seen.get(key);
      if (values === undefined) seen.set(key, value);
      else if (typeof values === 'string') {
        if (values === value) continue;
        seen.set(key, new Set([values, value]));
      } else {
        if (values.has(value)) continue;
        values.add(value);
      }
      pairs.push({ key, value });
    }
  };
  if (groupTags) add(groupTags);
  for (const tags of instanceTags) add(tags);
  return pairs;
}

/** The number of instances serving today (at least 1 when the workload has any). */
export function servingCount(sources: WorkloadSources): number {
  const running = sources.workload.runningInstances.length;
  if (running > 0) return running;
  const desired = sources.asg ? asNumber(sources.asg.data.DesiredCapacity) : undefined;
  return Math.max(desired ?? 0, sources.instances.length > 0 ? 1 : 0);
}
