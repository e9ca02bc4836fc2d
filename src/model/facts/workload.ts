/** Facts about a workload as a whole: replicas and their zones, what fronts it, what state it holds. */
import { num, str } from '../aws-shapes.js';
import type { Facts } from '../types.js';
import type { GroupedWorkload } from '../workloads.js';
import { countBy, fact, namesOf, pushAll, sortedUnique, type FactContext, type FactTable } from './context.js';

export const WORKLOAD_FACTS: FactTable = {
  id: fact('The workload id (a DNS-1123 label).'),
  name: fact('The workload name (Auto Scaling group, load balancer or application name).'),
  origin: fact('`auto-scaling-group`, `instance-group` or `standalone-instance`.'),
  inASG: fact('True when an Auto Scaling group manages the workload.', 'ec2'),
  autoScalingGroup: fact('Name of the Auto Scaling group that manages the workload, or empty.', 'ec2'),
  instanceCount: fact('Member instances in any state but terminated.', 'ec2', 'autoscaling'),
  replicas: fact('Running (or pending) member instances: stopped ones never count.', 'ec2', 'autoscaling'),
  stoppedInstances: fact('Member instances that are stopped or stopping.', 'ec2', 'autoscaling'),
  zones: fact('Zone names of the replicas.', 'ec2', 'autoscaling'),
  zoneIds: fact('Zone ids of the replicas (compare these across accounts, not names).', 'ec2', 'autoscaling'),
  zoneCount: fact('Number of zones with a replica.', 'ec2', 'autoscaling'),
  replicasPerZone: fact('Replicas per zone name.', 'ec2', 'autoscaling'),
  zoneSkew: fact('Most minus fewest replicas over the zones in use (0 with one zone).', 'ec2', 'autoscaling'),
  zoneSkewPercent: fact('`zoneSkew` as a percentage of the largest zone’s replicas (0–100).', 'ec2', 'autoscaling'),
  replicasAfterZoneLoss: fact('Replicas left if the zone with the most replicas fails.', 'ec2', 'autoscaling'),
  behindLoadBalancer: fact('True when a load balancer (ALB, NLB or classic) sends the workload traffic.', 'ec2', 'elbv2', 'elb', 'autoscaling'),
  loadBalancers: fact('Names of the load balancers in front of the workload.', 'ec2', 'elbv2', 'elb', 'autoscaling'),
  targetGroups: fact('Names of the workload’s target groups.', 'ec2', 'elbv2', 'autoscaling'),
  healthyReplicas: fact('Replicas that are a healthy target of a load balancer in front of the workload.', 'ec2', 'elbv2', 'elb', 'autoscaling'),
  healthyZones: fact('Zone names of the healthy replicas.', 'ec2', 'elbv2', 'elb', 'autoscaling'),
  elasticIp: fact('True when a replica has an Elastic IP.', 'ec2'),
  dataVolumes: fact('Ids of the members’ data volumes (attached EBS volumes other than root).', 'ec2', 'autoscaling'),
  persistentDataVolumes: fact('Ids of data volumes that survive their instance (DeleteOnTermination false).', 'ec2', 'autoscaling'),
  instanceStore: fact('True when a member has instance store volumes.', 'ec2', 'autoscaling'),
  databaseLike: fact('True when a member looks like a database or another stateful server.', 'ec2', 'autoscaling'),
  stateful: fact('True when the workload keeps state on its instances: data volumes of a standalone instance, volumes that outlive their instance, or a database-like server.', 'ec2', 'autoscaling'),
  statefulEvidence: fact('Why the workload is considered stateful, for people to check.', 'ec2', 'autoscaling'),
  instanceTypes: fact('Instance types of the members.', 'ec2', 'autoscaling'),
  desiredCapacity: fact('The group’s desired capacity, or the replicas of a workload without a group.', 'autoscaling', 'ec2'),
  minSize: fact('The group’s minimum size, or the replicas of a workload without a group.', 'autoscaling', 'ec2'),
  maxSize: fact('The group’s maximum size, or the replicas of a workload without a group.', 'autoscaling', 'ec2'),
  coverage: fact('Per service: `ok`, `error` or `not-collected` in the workload’s account and region.'),
};

/** Derives the facts of one workload from its members' facts. */
export function deriveWorkloadFacts(grouped: GroupedWorkload, context: FactContext): Facts {
  const { workload, instances: members, running, group } = grouped;

  // One pass over the members, reading each one's facts once: a large estate has
  // 100k members, and a list per question would allocate for every one.
  let memberGroup: string | undefined;
  let stopped = 0;
  let instanceStore = false;
  let databaseLike = false;
  const volumes: { id: string; persistent: boolean; instance: string }[] = [];
  const databaseEvidence: string[] = [];
  const instanceTypes: (string | undefined)[] = [];
  // Indexed loops here: iterating with for-of allocates a step object per element until optimized.
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    const facts = context.factsOf(m);
    if (memberGroup === undefined && typeof facts.autoScalingGroup === 'string' && facts.autoScalingGroup !== '') memberGroup = facts.autoScalingGroup;
    if (facts.state === 'stopped' || facts.state === 'stopping') stopped++;
    if (facts.instanceStore === true) instanceStore = true;
    if (facts.databaseLike === true) databaseLike = true;
    // Members nearly always share one or two types: each kept once here, not once per member.
    const type = str(m.resource.InstanceType);
    if (!instanceTypes.includes(type)) instanceTypes.push(type);
    // Each member's data volumes, as its own facts list them (persistent ones marked).
    const persistent = facts.persistentDataVolumes as readonly string[];
    const ids = facts.dataVolumes as readonly string[];
    for (let v = 0; v < ids.length; v++) volumes.push({ id: ids[v]!, persistent: persistent.includes(ids[v]!), instance: m.ref.id });
    const found = (facts.databaseEvidence as readonly string[] | undefined) ?? [];
    for (let e = 0; e < found.length; e++) databaseEvidence.push(`instance ${m.ref.id}: ${found[e]!}`);
  }
  const groupName = group?.ref.name ?? memberGroup ?? '';
  const inASG = groupName !== '';
  const volumeIds: string[] = [];
  const persistentIds: string[] = [];
  const evidence: string[] = [];
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i]!;
    volumeIds.push(v.id);
    if (v.persistent) persistentIds.push(v.id);
    if (v.persistent || !inASG) evidence.push(`instance ${v.instance} keeps data volume ${v.id}${v.persistent ? ' (kept after termination)' : ''}`);
  }
  pushAll(evidence, databaseEvidence);

  const zones: string[] = [];
  const healthyZones: string[] = [];
  let healthy = 0;
  let elasticIp = false;
  for (let i = 0; i < running.length; i++) {
    const n = running[i]!;
    const facts = context.factsOf(n);
    const zone = String(facts.zone ?? '');
    if (zone) zones.push(zone);
    if (facts.healthyBehindLoadBalancer === true) {
      healthy++;
      healthyZones.push(zone);
    }
    if (facts.elasticIp === true) elasticIp = true;
  }
  const perZone = countBy(zones);
  let most = 0;
  let fewest = Infinity;
  let zoneCount = 0;
  for (const k in perZone) {
    const count = perZone[k]!;
    if (count > most) most = count;
    if (count < fewest) fewest = count;
    zoneCount++;
  }
  const skew = zoneCount > 1 ? most - fewest : 0;
  const size = (field: string): number => (group ? num(group.resource[field]) : undefined) ?? running.length;

  return {
    id: workload.id,
    name: workload.name,
    origin: workload.origin,
    inASG,
    autoScalingGroup: groupName,
    instanceCount: members.length,
    replicas: running.length,
    stoppedInstances: stopped,
    zones: workload.zones,
    zoneIds: sortedUnique(workload.zones.map((z) => context.graph.zoneId(workload.accountId, workload.region, z)), context),
    zoneCount: workload.zones.length,
    replicasPerZone: perZone,
    zoneSkew: skew,
    zoneSkewPercent: most > 0 ? Math.round((skew * 100) / most) : 0,
    replicasAfterZoneLoss: running.length - most,
    behindLoadBalancer: workload.loadBalancers.length > 0,
    // The nodes of workload.loadBalancers and workload.targetGroups: one balancer's name list is the one its members' facts share.
    loadBalancers: namesOf(grouped.loadBalancers, context),
    targetGroups: namesOf(grouped.targetGroups, context),
    healthyReplicas: healthy,
    healthyZones: sortedUnique(healthyZones, context),
    elasticIp,
    dataVolumes: sortedUnique(volumeIds),
    persistentDataVolumes: sortedUnique(persistentIds),
    instanceStore,
    databaseLike,
    stateful: evidence.length > 0,
    statefulEvidence: sortedUnique(evidence),
    instanceTypes: sortedUnique(instanceTypes, context),
    desiredCapacity: size('DesiredCapacity'),
    minSize: size('MinSize'),
    maxSize: size('MaxSize'),
    coverage: context.coverage(workload.accountId, workload.region),
  };
}
