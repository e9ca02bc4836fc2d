/**
 * Classic Elastic Load Balancing: load balancers (with their HealthCheck),
 * plus `InstanceStates` from DescribeInstanceHealth, `Attributes` (the
 * LoadBalancerAttributes object) and `Tags`.
 */
import { createElbPort, type ElbPort } from '../aws/index.js';
import type { ResourceType } from '../snapshot/types.js';
import { mapSettled } from './settle.js';
import type { CollectContext, Collector, RawResource, ServiceOutput } from './types.js';

const CLB: ResourceType = 'AWS::ElasticLoadBalancing::LoadBalancer';

export const elbCollector: Collector = {
  service: 'elb',
  resourceTypes: [CLB],
  permissions: [
    'elasticloadbalancing:DescribeInstanceHealth',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTags',
  ],
  collect: (target, context) => collectElb(createElbPort(target), context),
};

export async function collectElb(elb: ElbPort, context: CollectContext): Promise<ServiceOutput> {
  const listed = await context.attempt('DescribeLoadBalancers', [CLB], async () => (await elb.describeLoadBalancers()).map((lb) => ({ ...(lb as RawResource) })));
  if (!listed) return { resources: {} };
  let loadBalancers = listed;
  const name = (lb: RawResource): string => String(lb.LoadBalancerName);
  const [health, attributes, tags] = await Promise.all([
    context.attempt('DescribeInstanceHealth', [CLB], () => mapSettled(listed, (lb) => elb.describeInstanceHealth(name(lb)))),
    context.attempt('DescribeLoadBalancerAttributes', [CLB], () => mapSettled(listed, (lb) => elb.describeLoadBalancerAttributes(name(lb)))),
    listed.length > 0 ? context.attempt('DescribeTags', [CLB], () => elb.describeTags(listed.map(name))) : Promise.resolve([]),
  ]);
  if (health) for (const [lb, states] of health) lb.InstanceStates = states;
  if (attributes) for (const [lb, attrs] of attributes) if (attrs) lb.Attributes = attrs;
  if (tags) {
    const byName = new Map(tags.map((d) => [String(d.LoadBalancerName), d.Tags ?? []]));
    for (const lb of listed) lb.Tags = byName.get(name(lb)) ?? [];
  }
  const gone = new Set([...(health ? listed.filter((lb) => !health.has(lb)) : []), ...(attributes ? listed.filter((lb) => !attributes.has(lb)) : [])]);
  loadBalancers = listed.filter((lb) => !gone.has(lb));
  context.progress(CLB, loadBalancers.length);
  return { resources: { [CLB]: loadBalancers } };
}
