/** Facts about a target group: who routes to it, which targets are healthy and in which zones. */
import { at, keyValueAttributes, num, str } from '../aws-shapes.js';
import type { Node } from '../graph.js';
import { fact, namesOf, sortedUnique, type FactContext, type FactDeriver } from './context.js';
import { balancerZones, balancersOfTargetGroup, isTargetGroupInUse, targetGroupTargets } from './targets.js';

const CROSS_ZONE = 'load_balancing.cross_zone.enabled';

/** Whether a load balancer balances across zones: always for ALBs; an attribute (off by default) for NLBs and GWLBs. */
export function balancerCrossZone(balancer: Node): boolean {
  if ((str(balancer.resource.Type) ?? 'application') === 'application') return true;
  return keyValueAttributes(balancer.resource)?.[CROSS_ZONE] === 'true';
}

/**
 * The cross-zone state that applies to a target group's traffic: its own
 * attribute when set (an ALB target group can turn it off), else that of every
 * load balancer routing to it.
 */
export function targetGroupCrossZone(context: FactContext, tg: Node): boolean {
  const own = keyValueAttributes(tg.resource)?.[CROSS_ZONE];
  if (own === 'true') return true;
  if (own === 'false') return false;
  const balancers = balancersOfTargetGroup(context, tg);
  return balancers.length === 0 ? true : balancers.every(balancerCrossZone);
}

/** True when an HTTP matcher (`200`, `200,302`, `200-499`) accepts a 4xx code, i.e. a broken app still passes. */
export function matcherAcceptsClientErrors(matcher: string): boolean {
  return matcher.split(',').some((part) => {
    const [from, to] = part.trim().split('-').map((n) => Number(n));
    if (from === undefined || !Number.isFinite(from)) return false;
    const end = to !== undefined && Number.isFinite(to) ? to : from;
    return from <= 499 && end >= 400;
  });
}

export const targetGroupFacts: FactDeriver = {
  type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  facts: {
    inUse: fact('True when a load balancer routes to the group (listeners, rules, or its `LoadBalancerArns`).', 'elbv2'),
    loadBalancers: fact('Names of the load balancers routing to the group.', 'elbv2'),
    loadBalancerTypes: fact('Types of those load balancers (`application`, `network`, `gateway`).', 'elbv2'),
    loadBalancerZones: fact('Zones those load balancers are enabled in.', 'elbv2', 'ec2'),
    autoScalingGroups: fact('Names of the Auto Scaling groups attached to the group.', 'autoscaling'),
    healthKnown: fact('True when the snapshot holds the group’s target health (DescribeTargetHealth).', 'elbv2'),
    registeredTargets: fact('Number of registered targets, whatever their health.', 'elbv2'),
    healthyTargets: fact('Number of targets whose health state is `healthy`.', 'elbv2'),
    unhealthyTargets: fact('Number of targets whose health state is `unhealthy`.', 'elbv2'),
    healthyZones: fact('Zone names of the healthy targets.', 'elbv2', 'ec2'),
    registeredZones: fact('Zone names of all registered targets.', 'elbv2', 'ec2'),
    healthyTargetsPerZone: fact('Healthy targets per zone name.', 'elbv2', 'ec2'),
    healthyTargetsWithoutZone: fact('Healthy targets whose zone is unknown or `all` (IP targets outside the VPC).', 'elbv2', 'ec2'),
    servingZones: fact('Zones the load balancers are enabled in that have a healthy target of this group (all healthy zones when no load balancer zone is known).', 'elbv2', 'ec2'),
    zonesWithoutHealthyTargets: fact('Zones the load balancers are enabled in that have no healthy target of this group.', 'elbv2', 'ec2'),
    crossZoneAttribute: fact('The group’s `load_balancing.cross_zone.enabled` attribute: `true`, `false`, `use_load_balancer_configuration`, or empty when not collected.', 'elbv2'),
    crossZoneEnabled: fact('True when traffic for the group crosses zones: its own attribute, else the load balancers’ setting (always on for ALBs).', 'elbv2'),
    attributesKnown: fact('True when the snapshot holds the group’s attributes.', 'elbv2'),
    deregistrationDelaySeconds: fact('`deregistration_delay.timeout_seconds` (300 when not collected, the AWS default).', 'elbv2'),
    healthCheckAcceptsClientErrors: fact('True when the HTTP health check matcher accepts a 4xx code (e.g. `200-499`), so an app answering 404 still passes.', 'elbv2'),
    healthCheckDetectionSeconds: fact('Seconds before a failed target is marked unhealthy: interval × unhealthy threshold (AWS defaults 30 × 2).', 'elbv2'),
  },
  derive(node, context) {
    const r = node.resource;
    const attributes = keyValueAttributes(r);
    const balancers = balancersOfTargetGroup(context, node);
    const summary = targetGroupTargets(context, node);
    const lbZones = sortedUnique(balancers.flatMap((b) => balancerZones(context, b)));
    return {
      inUse: isTargetGroupInUse(context, node),
      loadBalancers: namesOf(balancers),
      loadBalancerTypes: sortedUnique(balancers.map((b) => str(b.resource.Type) ?? 'application')),
      loadBalancerZones: lbZones,
      autoScalingGroups: namesOf(context.graph.in(node, 'attachedTo', 'AWS::AutoScaling::AutoScalingGroup')),
      healthKnown: summary.healthKnown,
      registeredTargets: summary.registered,
      healthyTargets: summary.healthy,
      unhealthyTargets: summary.unhealthy,
      healthyZones: summary.healthyZones,
      registeredZones: summary.registeredZones,
      healthyTargetsPerZone: summary.healthyPerZone,
      healthyTargetsWithoutZone: summary.healthyWithoutZone,
      servingZones: lbZones.length > 0 ? summary.healthyZones.filter((z) => lbZones.includes(z)) : summary.healthyZones,
      zonesWithoutHealthyTargets: summary.healthKnown ? lbZones.filter((z) => !summary.healthyZones.includes(z)) : [],
      crossZoneAttribute: attributes?.[CROSS_ZONE] ?? '',
      crossZoneEnabled: targetGroupCrossZone(context, node),
      attributesKnown: attributes !== undefined,
      deregistrationDelaySeconds: num(attributes?.['deregistration_delay.timeout_seconds']) ?? 300,
      healthCheckAcceptsClientErrors: matcherAcceptsClientErrors(str(at(r, 'Matcher', 'HttpCode')) ?? ''),
      healthCheckDetectionSeconds: (num(r.HealthCheckIntervalSeconds) ?? 30) * (num(r.UnhealthyThresholdCount) ?? 2),
    };
  },
};
