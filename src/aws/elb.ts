/** The classic Elastic Load Balancing port: read-only calls, whole lists. */
import {
  DescribeInstanceHealthCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers,
  type InstanceState,
  type LoadBalancerAttributes,
  type LoadBalancerDescription,
  type TagDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import { chunk, clientConfig, collectPages, instrument, type AwsTarget } from './clients.js';

export type { InstanceState, LoadBalancerAttributes, LoadBalancerDescription };
export type { TagDescription as ClassicTagDescription };

export const ELB_PAGE_SIZE = {
  DescribeLoadBalancers: 400,
  /** Load balancer names per DescribeTags call. */
  DescribeTags: 20,
} as const;

export interface ElbPort {
  describeLoadBalancers(): Promise<LoadBalancerDescription[]>;
  describeInstanceHealth(loadBalancerName: string): Promise<InstanceState[]>;
  describeLoadBalancerAttributes(loadBalancerName: string): Promise<LoadBalancerAttributes | undefined>;
  describeTags(loadBalancerNames: readonly string[]): Promise<TagDescription[]>;
}

export type ElbPageSizes = { -readonly [K in keyof typeof ELB_PAGE_SIZE]: number };

export function elbPortOf(client: ElasticLoadBalancingClient, sizes: ElbPageSizes = ELB_PAGE_SIZE): ElbPort {
  return {
    describeLoadBalancers: () =>
      // The SDK's paginator ignores `pageSize` here, so PageSize goes in the input.
      collectPages(paginateDescribeLoadBalancers({ client, stopOnSameToken: true }, { PageSize: sizes.DescribeLoadBalancers }), (p) => p.LoadBalancerDescriptions),
    describeInstanceHealth: async (name) => (await client.send(new DescribeInstanceHealthCommand({ LoadBalancerName: name }))).InstanceStates ?? [],
    describeLoadBalancerAttributes: async (name) => (await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerName: name }))).LoadBalancerAttributes,
    describeTags: async (names) => {
      const out: TagDescription[] = [];
      for (const batch of chunk(names, sizes.DescribeTags)) {
        out.push(...((await client.send(new DescribeTagsCommand({ LoadBalancerNames: batch }))).TagDescriptions ?? []));
      }
      return out;
    },
  };
}

export function createElbPort(target: AwsTarget, sizes?: ElbPageSizes): ElbPort {
  return elbPortOf(instrument(new ElasticLoadBalancingClient(clientConfig(target)), 'elb', target), sizes);
}
