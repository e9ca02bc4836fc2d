/** Facts about an Auto Scaling group: zones configured and used, health checks, what fronts it, what it launches from. */
import { at, healthCheckTypes, instanceState, num, objects, str, strings } from '../aws-shapes.js';
import { launchTemplateRefs } from '../relationships.js';
import type { Node } from '../graph.js';
import { NO_STRINGS, countBy, fact, namesOf, pushAll, sortedUnique, zoneIdsOf, zoneOf, type FactContext, type FactDeriver } from './context.js';
import { balancerZones, balancersOfTargetGroup } from './targets.js';

const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';

/** The zones a group may launch into: `AvailabilityZones` and the zones of its `VPCZoneIdentifier` subnets. */
export function groupZones(context: FactContext, group: Node): readonly string[] {
  return context.memo(group, 'zones', zonesOfGroup);
}

function zonesOfGroup(context: FactContext, group: Node): readonly string[] {
  return sortedUnique([...strings(group.resource.AvailabilityZones), ...context.graph.out(group, 'runsIn', 'AWS::EC2::Subnet').map((s) => zoneOf(s.resource))]);
}

// References that do not resolve to a resource of the snapshot. Indexed loops: asked for every group.
function missingReferences(context: FactContext, group: Node): readonly string[] {
  const { accountId, region } = group.ref;
  const { lookup } = context.graph;
  const missing: string[] = [];
  const templates = launchTemplateRefs(group.resource);
  for (let t = 0; t < templates.length; t++) {
    const ref = templates[t]!;
    const found = ref.id ? lookup.node('AWS::EC2::LaunchTemplate', accountId, region, ref.id) : lookup.node('AWS::EC2::LaunchTemplate', accountId, region, `name:${ref.name ?? ''}`);
    if (!found) missing.push(`launch template ${ref.id ?? ref.name ?? ''}`);
  }
  const configuration = str(group.resource.LaunchConfigurationName);
  if (configuration && !lookup.node('AWS::AutoScaling::LaunchConfiguration', accountId, region, configuration)) missing.push(`launch configuration ${configuration}`);
  const arns = strings(group.resource.TargetGroupARNs);
  for (let a = 0; a < arns.length; a++) if (!lookup.nodeOfArn(arns[a]!)) missing.push(`target group ${arns[a]!}`);
  const names = strings(group.resource.LoadBalancerNames);
  for (let n = 0; n < names.length; n++) if (!lookup.node(CLASSIC, accountId, region, names[n]!)) missing.push(`classic load balancer ${names[n]!}`);
  const subnets = (str(group.resource.VPCZoneIdentifier) ?? '').split(',');
  for (let s = 0; s < subnets.length; s++) {
    const id = subnets[s]!.trim();
    if (id && !lookup.node('AWS::EC2::Subnet', accountId, region, id)) missing.push(`subnet ${id}`);
  }
  // Nearly every group's references all resolve: the shared empty list then.
  return missing.length === 0 ? NO_STRINGS : missing.sort();
}

export const autoScalingGroupFacts: FactDeriver = {
  type: 'AWS::AutoScaling::AutoScalingGroup',
  facts: {
    zones: fact('Zone names the group may launch into (`AvailabilityZones` and the zones of its subnets).', 'autoscaling', 'ec2'),
    zoneIds: fact('Zone ids of `zones`.', 'autoscaling', 'ec2'),
    inServiceZones: fact('Zone names where the group has InService instances.', 'autoscaling'),
    inServiceCount: fact('Number of InService instances.', 'autoscaling'),
    healthyInServiceCount: fact('Number of InService instances whose Auto Scaling health status is Healthy.', 'autoscaling'),
    instanceCount: fact('Number of instances in the group, in any lifecycle state.', 'autoscaling'),
    inServicePerZone: fact('InService instances per configured zone (zones without any count 0).', 'autoscaling', 'ec2'),
    inServiceSkew: fact('Largest minus smallest InService count over the configured zones (0 with one zone).', 'autoscaling', 'ec2'),
    capacityAfterZoneLoss: fact('InService instances left if the zone holding the most of them fails.', 'autoscaling'),
    healthCheckTypes: fact('The health check types, split (`HealthCheckType` may hold several, e.g. `EC2,ELB`).', 'autoscaling'),
    elbHealthCheck: fact('True when `ELB` is among the health check types.', 'autoscaling'),
    attachedToLoadBalancer: fact('True when the group registers instances with a load balancer: target groups OR classic load balancers (or traffic sources).', 'autoscaling'),
    targetGroups: fact('Names of the attached target groups.', 'autoscaling', 'elbv2'),
    classicLoadBalancers: fact('Names of the attached classic load balancers.', 'autoscaling', 'elb'),
    loadBalancers: fact('Names of the load balancers in front of the group (ALB/NLB through its target groups, and classic).', 'autoscaling', 'elbv2', 'elb'),
    loadBalancerZones: fact('Zones the load balancers in front of the group are enabled in.', 'autoscaling', 'elbv2', 'elb', 'ec2'),
    zonesWithoutLoadBalancer: fact('Zones of the group that no load balancer in front of it is enabled in.', 'autoscaling', 'elbv2', 'elb', 'ec2'),
    loadBalancerZonesWithoutGroup: fact('Zones a load balancer in front of the group is enabled in, where the group cannot launch.', 'autoscaling', 'elbv2', 'elb', 'ec2'),
    suspendedProcesses: fact('Names of suspended processes (`Launch`, `Terminate`, `HealthCheck`, `ReplaceUnhealthy`, …).', 'autoscaling'),
    scalingPolicies: fact('Names of the group’s scaling policies.', 'autoscaling'),
    lifecycleHooks: fact('Names of the group’s lifecycle hooks.', 'autoscaling'),
    launchSource: fact('`launch-template`, `mixed-instances-policy`, `launch-configuration` or `none`.', 'autoscaling'),
    missingReferences: fact('References that do not resolve: launch template or configuration, target groups, classic load balancers, subnets.', 'autoscaling', 'ec2', 'elbv2', 'elb'),
    instanceTypes: fact('Instance types the group can launch or runs (overrides, launch configuration, current instances).', 'autoscaling'),
    instanceTypeFlexible: fact('True when the group picks types by attributes (`InstanceRequirements`), i.e. many types.', 'autoscaling'),
    spot: fact('True when the group runs Spot capacity (mixed instances distribution, launch configuration spot price, or Spot instances).', 'autoscaling', 'ec2'),
    warmPool: fact('True when the group has a warm pool.', 'autoscaling'),
  },
  derive(node, context) {
    const r = node.resource;
    const instances = objects(r.Instances);
    // One pass over the group's instances, counting as it goes: lists per question would
    // allocate a few arrays for each of the groups' 100k instances. Indexed loops here and
    // below, as this runs before it is optimized, when a for-of or a spread allocates per step.
    let inServiceCount = 0;
    let healthyInServiceCount = 0;
    const inServiceZoneNames: string[] = [];
    const types: (string | undefined)[] = [];
    for (let i = 0; i < instances.length; i++) {
      const instance = instances[i]!;
      if (str(instance.LifecycleState) !== 'InService') continue;
      inServiceCount++;
      if ((str(instance.HealthStatus) ?? 'Healthy').toLowerCase() === 'healthy') healthyInServiceCount++;
      const zone = str(instance.AvailabilityZone);
      if (zone !== undefined) inServiceZoneNames.push(zone);
    }
    const zones = groupZones(context, node);
    // Zones are never empty strings: instances without one are left out, as is the empty key.
    const perZone = countBy(inServiceZoneNames, zones);
    let maxPerZone = 0;
    for (const z in perZone) if (perZone[z]! > maxPerZone) maxPerZone = perZone[z]!;
    let skew = 0;
    if (zones.length > 1) {
      let most = -Infinity;
      let fewest = Infinity;
      for (let z = 0; z < zones.length; z++) {
        const count = perZone[zones[z]!] ?? 0;
        if (count > most) most = count;
        if (count < fewest) fewest = count;
      }
      skew = most - fewest;
    }
    const healthChecks = healthCheckTypes(r);
    const tgs = context.graph.out(node, 'attachedTo', TARGET_GROUP);
    const classics = context.graph.out(node, 'attachedTo', CLASSIC);
    const balancers: Node[] = [...classics];
    for (let t = 0; t < tgs.length; t++) pushAll(balancers, balancersOfTargetGroup(context, tgs[t]!));
    const balancerZoneNames: string[] = [];
    for (let b = 0; b < balancers.length; b++) pushAll(balancerZoneNames, balancerZones(context, balancers[b]!));
    const lbZones = sortedUnique(balancerZoneNames);
    const configures = context.graph.in(node, 'configures');
    const overrides = objects(at(r, 'MixedInstancesPolicy', 'LaunchTemplate', 'Overrides'));
    const configuration = context.graph.out(node, 'launchedFrom', 'AWS::AutoScaling::LaunchConfiguration')[0];
    const members = context.graph.in(node, 'memberOf', 'AWS::EC2::Instance');
    const onDemandAbove = num(at(r, 'MixedInstancesPolicy', 'InstancesDistribution', 'OnDemandPercentageAboveBaseCapacity'));
    // Instance types: the overrides', the group's instances', its live members', its launch configuration's.
    for (let o = 0; o < overrides.length; o++) types.push(str(overrides[o]!.InstanceType));
    for (let i = 0; i < instances.length; i++) types.push(str(instances[i]!.InstanceType));
    for (let m = 0; m < members.length; m++) if (instanceState(members[m]!.resource) !== 'terminated') types.push(str(members[m]!.resource.InstanceType));
    if (configuration) types.push(str(configuration.resource.InstanceType));
    return {
      zones,
      zoneIds: zoneIdsOf(context, node, zones),
      inServiceZones: sortedUnique(inServiceZoneNames),
      inServiceCount,
      healthyInServiceCount,
      instanceCount: instances.length,
      inServicePerZone: perZone,
      inServiceSkew: skew,
      capacityAfterZoneLoss: inServiceCount - maxPerZone,
      healthCheckTypes: healthChecks,
      elbHealthCheck: healthChecks.includes('ELB'),
      attachedToLoadBalancer: strings(r.TargetGroupARNs).length > 0 || strings(r.LoadBalancerNames).length > 0 || objects(r.TrafficSources).length > 0,
      targetGroups: namesOf(tgs),
      classicLoadBalancers: namesOf(classics),
      loadBalancers: namesOf(balancers),
      loadBalancerZones: lbZones,
      zonesWithoutLoadBalancer: balancers.length > 0 ? zones.filter((z) => !lbZones.includes(z)) : [],
      loadBalancerZonesWithoutGroup: lbZones.filter((z) => !zones.includes(z)),
      suspendedProcesses: sortedUnique(objects(r.SuspendedProcesses).map((p) => str(p.ProcessName))),
      scalingPolicies: sortedUnique(configures.filter((n) => n.ref.type === 'AWS::AutoScaling::ScalingPolicy').map((n) => str(n.resource.PolicyName))),
      lifecycleHooks: sortedUnique(configures.filter((n) => n.ref.type === 'AWS::AutoScaling::LifecycleHook').map((n) => str(n.resource.LifecycleHookName))),
      launchSource: r.MixedInstancesPolicy ? 'mixed-instances-policy' : r.LaunchTemplate ? 'launch-template' : str(r.LaunchConfigurationName) ? 'launch-configuration' : 'none',
      missingReferences: missingReferences(context, node),
      instanceTypes: sortedUnique(types),
      instanceTypeFlexible: overrides.some((o) => o.InstanceRequirements !== undefined),
      spot:
        (r.MixedInstancesPolicy !== undefined && (onDemandAbove ?? 100) < 100) ||
        (configuration !== undefined && str(configuration.resource.SpotPrice) !== undefined) ||
        members.some((m) => str(m.resource.InstanceLifecycle) === 'spot' && instanceState(m.resource) !== 'terminated'),
      warmPool: r.WarmPoolConfiguration !== undefined || configures.some((n) => n.ref.type === 'AWS::AutoScaling::WarmPool'),
    };
  },
};
