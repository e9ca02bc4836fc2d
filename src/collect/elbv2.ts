/**
 * ELBv2 (Application, Network and Gateway Load Balancers): load balancers
 * with `Attributes` and `Tags`, listeners, listener rules (each with its
 * `ListenerArn`), and target groups with `Attributes`, `Tags` and the
 * `TargetHealthDescriptions` of every registered target.
 */
import { createElbv2Port, type Elbv2Port } from '../aws/index.js';
import type { ResourceType } from '../snapshot/types.js';
import { mapSettled } from './settle.js';
import type { CollectContext, Collector, RawResource, ServiceOutput } from './types.js';

const LB: ResourceType = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const LISTENER: ResourceType = 'AWS::ElasticLoadBalancingV2::Listener';
const RULE: ResourceType = 'AWS::ElasticLoadBalancingV2::ListenerRule';
const TG: ResourceType = 'AWS::ElasticLoadBalancingV2::TargetGroup';

export const elbv2Collector: Collector = {
  service: 'elbv2',
  resourceTypes: [LB, LISTENER, RULE, TG],
  permissions: [
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeRules',
    'elasticloadbalancing:DescribeTags',
    'elasticloadbalancing:DescribeTargetGroupAttributes',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
  ],
  collect: (target, context) => collectElbv2(createElbv2Port(target), context),
};

const asRaw = <T>(list: readonly T[]): RawResource[] => list.map((item) => ({ ...(item as RawResource) }));

/** Keeps the items that are keys of `found` (the others vanished during the scan). */
const keep = <T>(list: T[], found: Map<T, unknown>): T[] => list.filter((item) => found.has(item));

export async function collectElbv2(elbv2: Elbv2Port, context: CollectContext): Promise<ServiceOutput> {
  const [lbList, tgList] = await Promise.all([
    context.attempt('DescribeLoadBalancers', [LB, LISTENER, RULE], async () => asRaw(await elbv2.describeLoadBalancers())),
    context.attempt('DescribeTargetGroups', [TG], async () => asRaw(await elbv2.describeTargetGroups())),
  ]);
  let loadBalancers = lbList;
  let targetGroups = tgList;
  let listeners: RawResource[] | undefined;
  let rules: RawResource[] | undefined;

  await Promise.all([
    (async () => {
      if (!loadBalancers) return;
      const lbs = loadBalancers;
      const [byLb, attributes] = await Promise.all([
        context.attempt('DescribeListeners', [LISTENER, RULE], () => mapSettled(lbs, (lb) => elbv2.describeListeners(String(lb.LoadBalancerArn)))),
        context.attempt('DescribeLoadBalancerAttributes', [LB], () => mapSettled(lbs, (lb) => elbv2.describeLoadBalancerAttributes(String(lb.LoadBalancerArn)))),
      ]);
      if (attributes) {
        for (const [lb, list] of attributes) lb.Attributes = list;
        loadBalancers = keep(lbs, attributes);
      }
      if (!byLb) return;
      listeners = [...byLb.values()].flatMap(asRaw);
      context.progress(LISTENER, listeners.length);
      const all = listeners;
      const byListener = await context.attempt('DescribeRules', [RULE], () => mapSettled(all, (l) => elbv2.describeRules(String(l.ListenerArn))));
      if (!byListener) return;
      rules = [...byListener.entries()].flatMap(([listener, list]) => list.map((rule) => ({ ...(rule as RawResource), ListenerArn: listener.ListenerArn })));
      context.progress(RULE, rules.length);
    })(),
    (async () => {
      if (!targetGroups) return;
      const tgs = targetGroups;
      const [health, attributes] = await Promise.all([
        context.attempt('DescribeTargetHealth', [TG], () => mapSettled(tgs, (tg) => elbv2.describeTargetHealth(String(tg.TargetGroupArn)))),
        context.attempt('DescribeTargetGroupAttributes', [TG], () => mapSettled(tgs, (tg) => elbv2.describeTargetGroupAttributes(String(tg.TargetGroupArn)))),
      ]);
      if (health) for (const [tg, list] of health) tg.TargetHealthDescriptions = list;
      if (attributes) for (const [tg, list] of attributes) tg.Attributes = list;
      const vanished = (found: Map<RawResource, unknown> | undefined) => (found ? tgs.filter((tg) => !found.has(tg)) : []);
      const gone = new Set([...vanished(health), ...vanished(attributes)]);
      targetGroups = tgs.filter((tg) => !gone.has(tg));
    })(),
  ]);

  // One DescribeTags pass for load balancers and target groups together: 20 ARNs a call whatever their kind.
  const tagged = [...(loadBalancers ?? []), ...(targetGroups ?? [])];
  if (tagged.length > 0) {
    const arnOf = (r: RawResource): string => String(r.LoadBalancerArn ?? r.TargetGroupArn);
    const tagTypes: ResourceType[] = [...(loadBalancers ? [LB] : []), ...(targetGroups ? [TG] : [])];
    const descriptions = await context.attempt('DescribeTags', tagTypes, () => elbv2.describeTags(tagged.map(arnOf)));
    if (descriptions) {
      const byArn = new Map(descriptions.map((d) => [String(d.ResourceArn), d.Tags ?? []]));
      for (const resource of tagged) resource.Tags = byArn.get(arnOf(resource)) ?? [];
    }
  }

  const resources: ServiceOutput['resources'] = {};
  if (loadBalancers) {
    resources[LB] = loadBalancers;
    context.progress(LB, loadBalancers.length);
  }
  if (listeners) resources[LISTENER] = listeners;
  if (rules) resources[RULE] = rules;
  if (targetGroups) {
    resources[TG] = targetGroups;
    context.progress(TG, targetGroups.length);
  }
  return { resources };
}
