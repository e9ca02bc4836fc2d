/** The Auto Scaling port: read-only calls, whole lists. */
import {
  AutoScalingClient,
  DescribeLifecycleHooksCommand,
  paginateDescribeAutoScalingGroups,
  paginateDescribeLaunchConfigurations,
  paginateDescribePolicies,
  paginateDescribeScheduledActions,
  paginateDescribeWarmPool,
  type AutoScalingGroup,
  type DescribeWarmPoolCommandOutput,
  type LaunchConfiguration,
  type LifecycleHook,
  type ScalingPolicy,
  type ScheduledUpdateGroupAction,
} from '@aws-sdk/client-auto-scaling';
import { clientConfig, collectPages, instrument, type AwsTarget } from './clients.js';

export type { AutoScalingGroup, LaunchConfiguration, LifecycleHook, ScalingPolicy, ScheduledUpdateGroupAction };

/** The warm pool of one group: its configuration and the instances in it. */
export interface WarmPool {
  WarmPoolConfiguration?: DescribeWarmPoolCommandOutput['WarmPoolConfiguration'];
  Instances: NonNullable<DescribeWarmPoolCommandOutput['Instances']>;
}

/** The largest page each API accepts (more than 100 is an error on AWS, and HTTP 500 on moto). */
export const AUTOSCALING_PAGE_SIZE = {
  DescribeAutoScalingGroups: 100,
  DescribeLaunchConfigurations: 100,
  DescribePolicies: 100,
  DescribeScheduledActions: 100,
  DescribeWarmPool: 50,
} as const;

export interface AutoScalingPort {
  describeAutoScalingGroups(): Promise<AutoScalingGroup[]>;
  describeLaunchConfigurations(): Promise<LaunchConfiguration[]>;
  describePolicies(): Promise<ScalingPolicy[]>;
  describeScheduledActions(): Promise<ScheduledUpdateGroupAction[]>;
  describeLifecycleHooks(autoScalingGroupName: string): Promise<LifecycleHook[]>;
  describeWarmPool(autoScalingGroupName: string): Promise<WarmPool>;
}

export type AutoScalingPageSizes = { -readonly [K in keyof typeof AUTOSCALING_PAGE_SIZE]: number };

export function autoScalingPortOf(client: AutoScalingClient, sizes: AutoScalingPageSizes = AUTOSCALING_PAGE_SIZE): AutoScalingPort {
  const cfg = (pageSize: number) => ({ client, pageSize, stopOnSameToken: true });
  return {
    describeAutoScalingGroups: () =>
      collectPages(paginateDescribeAutoScalingGroups(cfg(sizes.DescribeAutoScalingGroups), {}), (p) => p.AutoScalingGroups),
    describeLaunchConfigurations: () =>
      collectPages(paginateDescribeLaunchConfigurations(cfg(sizes.DescribeLaunchConfigurations), {}), (p) => p.LaunchConfigurations),
    describePolicies: () => collectPages(paginateDescribePolicies(cfg(sizes.DescribePolicies), {}), (p) => p.ScalingPolicies),
    describeScheduledActions: () =>
      collectPages(paginateDescribeScheduledActions(cfg(sizes.DescribeScheduledActions), {}), (p) => p.ScheduledUpdateGroupActions),
    describeLifecycleHooks: async (name) => (await client.send(new DescribeLifecycleHooksCommand({ AutoScalingGroupName: name }))).LifecycleHooks ?? [],
    describeWarmPool: async (name) => {
      const pool: WarmPool = { Instances: [] };
      for await (const page of paginateDescribeWarmPool(cfg(sizes.DescribeWarmPool), { AutoScalingGroupName: name })) {
        pool.WarmPoolConfiguration ??= page.WarmPoolConfiguration;
        pool.Instances.push(...(page.Instances ?? []));
      }
      return pool;
    },
  };
}

export function createAutoScalingPort(target: AwsTarget, sizes?: AutoScalingPageSizes): AutoScalingPort {
  return autoScalingPortOf(instrument(new AutoScalingClient(clientConfig(target)), 'autoscaling', target), sizes);
}
