/**
 * Auto Scaling: groups (instances, zones, subnets, health checks, target
 * groups, classic load balancers, mixed instances policy, warm pool
 * configuration…), launch configurations, scaling policies, lifecycle hooks,
 * scheduled actions and warm pools.
 */
import { createAutoScalingPort, type AutoScalingPort } from '../aws/index.js';
import type { ResourceType } from '../snapshot/types.js';
import { mapSettled, VANISHED } from './settle.js';
import type { CollectContext, Collector, RawResource, ServiceOutput } from './types.js';
import { applyUserDataPolicy } from './user-data.js';

const ASG: ResourceType = 'AWS::AutoScaling::AutoScalingGroup';
const LC: ResourceType = 'AWS::AutoScaling::LaunchConfiguration';
const POLICY: ResourceType = 'AWS::AutoScaling::ScalingPolicy';
const HOOK: ResourceType = 'AWS::AutoScaling::LifecycleHook';
const SCHEDULED: ResourceType = 'AWS::AutoScaling::ScheduledAction';
const WARM_POOL: ResourceType = 'AWS::AutoScaling::WarmPool';

// Auto Scaling answers a group deleted during the scan with a ValidationError.
const GROUP_VANISHED = new Set([...VANISHED, 'ValidationError']);

export const autoScalingCollector: Collector = {
  service: 'autoscaling',
  resourceTypes: [ASG, LC, POLICY, HOOK, SCHEDULED, WARM_POOL],
  permissions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeLaunchConfigurations',
    'autoscaling:DescribeLifecycleHooks',
    'autoscaling:DescribePolicies',
    'autoscaling:DescribeScheduledActions',
    'autoscaling:DescribeWarmPool',
  ],
  collect: (target, context) => collectAutoScaling(createAutoScalingPort(target), context),
};

const asRaw = <T>(list: readonly T[]): RawResource[] => list.map((item) => ({ ...(item as RawResource) }));

export async function collectAutoScaling(autoscaling: AutoScalingPort, context: CollectContext): Promise<ServiceOutput> {
  const list = async (types: ResourceType[], step: string, fetch: () => Promise<RawResource[]>): Promise<RawResource[] | undefined> => {
    const items = await context.attempt(step, types, fetch);
    if (items) context.progress(types[0]!, items.length);
    return items;
  };
  const [groups, launchConfigurations, policies, scheduled] = await Promise.all([
    list([ASG, HOOK, WARM_POOL], 'DescribeAutoScalingGroups', async () => asRaw(await autoscaling.describeAutoScalingGroups())),
    list([LC], 'DescribeLaunchConfigurations', async () => asRaw(await autoscaling.describeLaunchConfigurations())),
    list([POLICY], 'DescribePolicies', async () => asRaw(await autoscaling.describePolicies())),
    list([SCHEDULED], 'DescribeScheduledActions', async () => asRaw(await autoscaling.describeScheduledActions())),
  ]);
  for (const lc of launchConfigurations ?? []) applyUserDataPolicy(lc, context.includeUserData);

  let hooks: RawResource[] | undefined;
  let warmPools: RawResource[] | undefined;
  if (groups) {
    const name = (g: RawResource): string => String(g.AutoScalingGroupName);
    // Only groups that report a warm pool have one; asking the others would cost a call each for nothing.
    const withWarmPool = groups.filter((g) => g.WarmPoolConfiguration !== undefined && g.WarmPoolConfiguration !== null);
    const [hooksByGroup, poolsByGroup] = await Promise.all([
      context.attempt('DescribeLifecycleHooks', [HOOK], () => mapSettled(groups, (g) => autoscaling.describeLifecycleHooks(name(g)), GROUP_VANISHED)),
      context.attempt('DescribeWarmPool', [WARM_POOL], () => mapSettled(withWarmPool, (g) => autoscaling.describeWarmPool(name(g)), GROUP_VANISHED)),
    ]);
    if (hooksByGroup) {
      hooks = [...hooksByGroup.entries()].flatMap(([group, list]) => list.map((hook) => ({ AutoScalingGroupName: name(group), ...(hook as RawResource) })));
      context.progress(HOOK, hooks.length);
    }
    if (poolsByGroup) {
      warmPools = [...poolsByGroup.entries()].map(([group, pool]) => ({ AutoScalingGroupName: name(group), ...(pool as unknown as RawResource) }));
      context.progress(WARM_POOL, warmPools.length);
    }
  }

  const resources: ServiceOutput['resources'] = {};
  if (groups) resources[ASG] = groups;
  if (launchConfigurations) resources[LC] = launchConfigurations;
  if (policies) resources[POLICY] = policies;
  if (scheduled) resources[SCHEDULED] = scheduled;
  if (hooks) resources[HOOK] = hooks;
  if (warmPools) resources[WARM_POOL] = warmPools;
  return { resources };
}
