/**
 * Who is behind a load balancer and how healthy: the summaries that target
 * group, load balancer, instance and workload facts share, computed once per
 * resource.
 */
import { classicInstanceStatesOf, instanceState, str, targetHealthOf } from '../aws-shapes.js';
import type { Node } from '../graph.js';
import { countBy, sortedUnique, zoneOf, type FactContext } from './context.js';

const INSTANCE = 'AWS::EC2::Instance';
const ELBV2 = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

/** One registered target with its health and zone (when known). */
export interface TargetState {
  /** The instance behind the target, when the snapshot holds it. */
  instance?: Node;
  zone?: string;
  healthy: boolean;
  state: string;
}

/** Registered targets of a target group or classic load balancer. */
export interface TargetSummary {
  /** False when the snapshot holds no health data (not collected). */
  healthKnown: boolean;
  targets: TargetState[];
  registered: number;
  healthy: number;
  unhealthy: number;
  healthyZones: readonly string[];
  registeredZones: readonly string[];
  healthyPerZone: Record<string, number>;
  /** Healthy targets whose zone is unknown or `all` (IP targets outside the VPC). */
  healthyWithoutZone: number;
}

// Each shape made whole in one literal: fields added afterwards would move out of the object
// into a separate store, one for each of 100k targets that live as long as the model.
function targetState(healthy: boolean, state: string, instance: Node | undefined, zone: string | undefined): TargetState {
  if (instance) return zone ? { healthy, state, instance, zone } : { healthy, state, instance };
  return zone ? { healthy, state, zone } : { healthy, state };
}

// One pass over the targets: there are as many as instances behind balancers, and a list per question would allocate for each.
function summarize(healthKnown: boolean, targets: TargetState[]): TargetSummary {
  let healthy = 0;
  let unhealthy = 0;
  let healthyWithoutZone = 0;
  const healthyZones: string[] = [];
  const registeredZones: string[] = [];
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    if (t.zone) registeredZones.push(t.zone);
    if (!t.healthy) {
      if (t.state === 'unhealthy' || t.state === 'OutOfService') unhealthy++;
      continue;
    }
    healthy++;
    if (t.zone) healthyZones.push(t.zone);
    else healthyWithoutZone++;
  }
  return {
    healthKnown,
    targets,
    registered: targets.length,
    healthy,
    unhealthy,
    healthyZones: sortedUnique(healthyZones),
    registeredZones: sortedUnique(registeredZones),
    healthyPerZone: countBy(healthyZones),
    healthyWithoutZone,
  };
}

/** The targets of a target group and their health (DescribeTargetHealth). */
export function targetGroupTargets(context: FactContext, tg: Node): TargetSummary {
  return context.memo(tg, 'targets', summarizeTargetGroup);
}

function summarizeTargetGroup(context: FactContext, tg: Node): TargetSummary {
  const health = targetHealthOf(tg.resource);
  const ipTargets = str(tg.resource.TargetType) === 'ip';
  // Instance targets were linked to their instances when the graph was built: a short list to
  // search by id, rather than a lookup in the map of every resource for each of 100k targets.
  const registered = ipTargets ? NO_NODES : context.graph.in(tg, 'registeredIn', INSTANCE);
  const targets = (health ?? []).map((t): TargetState => {
    const instance = ipTargets
      ? context.graph.lookup.instanceAt(tg.ref.accountId, tg.ref.region, str(tg.resource.VpcId), t.id)
      : registeredInstance(context, tg, registered, t.id);
    // `all` means an IP outside the VPC, reachable from every zone: no zone of its own.
    const zone = (t.zone && t.zone !== 'all' ? t.zone : undefined) ?? (instance ? zoneOf(instance.resource) : undefined);
    return targetState(t.state === 'healthy', t.state, instance, zone);
  });
  return summarize(health !== undefined, targets);
}

const NO_NODES: readonly Node[] = Object.freeze([]);

// Up to this many registered instances, searching the list beats a map lookup per target.
const SEARCHED = 32;

/**
 * The instance a balancer's registration names. The registered instances are those the
 * graph found by these ids in the balancer's account and region, so within the list an
 * id names one instance, the one a lookup would find.
 */
function registeredInstance(context: FactContext, balancer: Node, registered: readonly Node[], id: string): Node | undefined {
  if (registered.length > SEARCHED) return context.graph.lookup.node(INSTANCE, balancer.ref.accountId, balancer.ref.region, id);
  for (let i = 0; i < registered.length; i++) if (registered[i]!.ref.id === id) return registered[i];
  return undefined;
}

/** The instances of a classic load balancer and their health (DescribeInstanceHealth). */
export function classicTargets(context: FactContext, clb: Node): TargetSummary {
  return context.memo(clb, 'targets', summarizeClassic);
}

function summarizeClassic(context: FactContext, clb: Node): TargetSummary {
  const health = classicInstanceStatesOf(clb.resource);
  const entries = (Array.isArray(clb.resource.Instances) ? clb.resource.Instances : []) as { InstanceId?: unknown }[];
  const registered = context.graph.in(clb, 'registeredIn', INSTANCE);
  const targets = entries.flatMap((entry): TargetState[] => {
    const id = str(entry?.InstanceId);
    if (!id) return [];
    const instance = registeredInstance(context, clb, registered, id);
    // Without collected health, a running instance is the best guess for InService.
    const state = health?.get(id) ?? (instance && instanceState(instance.resource) === 'running' ? 'InService' : 'Unknown');
    return [targetState(state === 'InService', state, instance, instance ? zoneOf(instance.resource) : undefined)];
  });
  return summarize(health !== undefined, targets);
}

/** Indices of the instances that are healthy targets of a target group or classic load balancer. */
export function healthyInstances(context: FactContext, balancer: Node): ReadonlySet<number> {
  return context.memo(balancer, 'healthyInstances', healthyInstancesOf);
}

function healthyInstancesOf(context: FactContext, balancer: Node): ReadonlySet<number> {
  const summary = balancer.ref.type === 'AWS::ElasticLoadBalancing::LoadBalancer' ? classicTargets(context, balancer) : targetGroupTargets(context, balancer);
  const healthy = new Set<number>();
  for (const t of summary.targets) if (t.healthy && t.instance) healthy.add(t.instance.index);
  return healthy;
}

/** The ALBs/NLBs/GWLBs that route to a target group (listeners, rules, and its LoadBalancerArns). */
export function balancersOfTargetGroup(context: FactContext, tg: Node): readonly Node[] {
  return context.graph.in(tg, 'routesTo', ELBV2);
}

/** True when a target group is in use: a load balancer routes to it (or it names one that was not collected). */
export function isTargetGroupInUse(context: FactContext, tg: Node): boolean {
  const arns = tg.resource.LoadBalancerArns;
  return context.graph.countIn(tg, 'routesTo', ELBV2) > 0 || (Array.isArray(arns) && arns.length > 0);
}

/** The zones a load balancer is enabled in: ELBv2 `AvailabilityZones[].ZoneName`, classic `AvailabilityZones` and subnets. */
export function balancerZones(context: FactContext, balancer: Node): readonly string[] {
  return context.memo(balancer, 'zones', zonesOfBalancer);
}

function zonesOfBalancer(context: FactContext, balancer: Node): readonly string[] {
  const zones: (string | undefined)[] = [];
  const raw = balancer.resource.AvailabilityZones;
  for (const entry of Array.isArray(raw) ? raw : []) zones.push(typeof entry === 'string' ? entry : str((entry as { ZoneName?: unknown } | null)?.ZoneName));
  for (const subnet of context.graph.out(balancer, 'runsIn', 'AWS::EC2::Subnet')) zones.push(zoneOf(subnet.resource));
  return sortedUnique(zones);
}
