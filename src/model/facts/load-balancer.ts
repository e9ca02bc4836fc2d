/** Facts about ALBs, NLBs and GWLBs and their listeners and rules. */
import { keyValueAttributes, str } from '../aws-shapes.js';
import type { Node } from '../graph.js';
import { countBy, fact, namesOf, sortedUnique, zoneIdsOf, type FactContext, type FactDeriver } from './context.js';
import { balancerCrossZone } from './target-group.js';
import { balancerZones, targetGroupTargets } from './targets.js';

const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';

// Target groups reached from a listener: its default actions and its rules' actions.
function listenerTargetGroups(context: FactContext, listener: Node): Node[] {
  const groups = new Map<number, Node>();
  for (const tg of context.graph.out(listener, 'routesTo', TARGET_GROUP)) groups.set(tg.index, tg);
  for (const rule of context.graph.in(listener, 'partOf', 'AWS::ElasticLoadBalancingV2::ListenerRule')) {
    for (const tg of context.graph.out(rule, 'routesTo', TARGET_GROUP)) groups.set(tg.index, tg);
  }
  return [...groups.values()].sort((a, b) => a.index - b.index);
}

// Target groups that are known to have no registered target (health collected, none listed).
function emptyGroups(context: FactContext, groups: readonly Node[]): readonly string[] {
  return namesOf(groups.filter((tg) => {
    const summary = targetGroupTargets(context, tg);
    return summary.healthKnown && summary.registered === 0;
  }));
}

export const loadBalancerFacts: FactDeriver = {
  type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  facts: {
    type: fact('`application`, `network` or `gateway`.', 'elbv2'),
    internetFacing: fact('True when the scheme is `internet-facing`.', 'elbv2'),
    zones: fact('Zone names the load balancer is enabled in.', 'elbv2', 'ec2'),
    zoneIds: fact('Zone ids of `zones`.', 'elbv2', 'ec2'),
    crossZoneEnabled: fact('True when the load balancer balances across zones: always for ALBs; the `load_balancing.cross_zone.enabled` attribute (off by default) for NLBs and GWLBs.', 'elbv2'),
    deletionProtection: fact('True when the `deletion_protection.enabled` attribute is `true`.', 'elbv2'),
    attributesKnown: fact('True when the snapshot holds the load balancer’s attributes.', 'elbv2'),
    listenerCount: fact('Number of listeners.', 'elbv2'),
    targetGroups: fact('Names of the target groups it routes to (listeners, rules, weighted forwards).', 'elbv2'),
    emptyTargetGroups: fact('Names of those target groups that have no registered target.', 'elbv2'),
    healthKnown: fact('True when the target health of every target group it routes to is in the snapshot.', 'elbv2'),
    registeredTargets: fact('Registered targets over all its target groups.', 'elbv2'),
    healthyTargets: fact('Healthy targets over all its target groups.', 'elbv2'),
    healthyZones: fact('Enabled zones with at least one healthy target (a target in a zone the load balancer is not enabled in gets no traffic).', 'elbv2', 'ec2'),
    healthyTargetsPerZone: fact('Healthy targets per enabled zone over all its target groups.', 'elbv2', 'ec2'),
    healthyTargetsOutsideZones: fact('Healthy targets in zones the load balancer is not enabled in (they receive no traffic).', 'elbv2', 'ec2'),
    zonesWithoutHealthyTargets: fact('Enabled zones with no healthy target (a “multi-AZ” load balancer whose backends are not).', 'elbv2', 'ec2'),
    autoScalingGroups: fact('Names of the Auto Scaling groups attached to its target groups.', 'elbv2', 'autoscaling'),
  },
  derive(node, context) {
    const r = node.resource;
    const attributes = keyValueAttributes(r);
    const zones = balancerZones(context, node);
    const groups = context.graph.out(node, 'routesTo', TARGET_GROUP);
    const summaries = groups.map((tg) => targetGroupTargets(context, tg));
    const healthy = summaries.flatMap((s) => s.targets.filter((t) => t.healthy));
    // With no zone known for the load balancer, every healthy target's zone is taken as served.
    const enabled = (zone: string | undefined): boolean => zone !== undefined && (zones.length === 0 || zones.includes(zone));
    const serving = healthy.filter((t) => enabled(t.zone));
    const healthyZones = sortedUnique(serving.map((t) => t.zone));
    const healthKnown = summaries.every((s) => s.healthKnown);
    return {
      type: str(r.Type) ?? 'application',
      internetFacing: str(r.Scheme) === 'internet-facing',
      zones,
      zoneIds: zoneIdsOf(context, node, zones),
      crossZoneEnabled: balancerCrossZone(node),
      deletionProtection: attributes?.['deletion_protection.enabled'] === 'true',
      attributesKnown: attributes !== undefined,
      listenerCount: context.graph.in(node, 'listensOn', LISTENER).length,
      targetGroups: namesOf(groups),
      emptyTargetGroups: emptyGroups(context, groups),
      healthKnown,
      registeredTargets: summaries.reduce((n, s) => n + s.registered, 0),
      healthyTargets: healthy.length,
      healthyZones,
      healthyTargetsPerZone: countBy(serving.flatMap((t) => (t.zone ? [t.zone] : []))),
      healthyTargetsOutsideZones: healthy.filter((t) => t.zone !== undefined && !enabled(t.zone)).length,
      zonesWithoutHealthyTargets: healthKnown && groups.length > 0 ? zones.filter((z) => !healthyZones.includes(z)) : [],
      autoScalingGroups: namesOf(groups.flatMap((tg) => context.graph.in(tg, 'attachedTo', 'AWS::AutoScaling::AutoScalingGroup'))),
    };
  },
};

export const listenerFacts: FactDeriver = {
  type: 'AWS::ElasticLoadBalancingV2::Listener',
  facts: {
    loadBalancer: fact('Name of the load balancer the listener belongs to (empty when not collected).', 'elbv2'),
    targetGroups: fact('Names of the target groups the listener forwards to (default actions and rules, weighted forwards included).', 'elbv2'),
    emptyTargetGroups: fact('Names of those target groups that have no registered target.', 'elbv2'),
    defaultActionTypes: fact('Types of the default actions (`forward`, `redirect`, `fixed-response`, …).', 'elbv2'),
  },
  derive(node, context) {
    const groups = listenerTargetGroups(context, node);
    const actions = Array.isArray(node.resource.DefaultActions) ? (node.resource.DefaultActions as { Type?: unknown }[]) : [];
    return {
      loadBalancer: context.graph.out(node, 'listensOn')[0]?.ref.name ?? '',
      targetGroups: namesOf(groups),
      emptyTargetGroups: emptyGroups(context, groups),
      defaultActionTypes: sortedUnique(actions.map((a) => str(a?.Type))),
    };
  },
};

export const listenerRuleFacts: FactDeriver = {
  type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
  facts: {
    listener: fact('ARN of the listener the rule belongs to (empty when not collected).', 'elbv2'),
    targetGroups: fact('Names of the target groups the rule forwards to (weighted forwards included).', 'elbv2'),
  },
  derive(node, context) {
    return {
      listener: context.graph.out(node, 'partOf')[0]?.ref.id ?? '',
      targetGroups: namesOf(context.graph.out(node, 'routesTo', TARGET_GROUP)),
    };
  },
};
