/** The ELBv2 port (Application, Network and Gateway Load Balancers): read-only calls, whole lists. */
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
  type Listener,
  type LoadBalancer,
  type LoadBalancerAttribute,
  type Rule,
  type TagDescription,
  type TargetGroup,
  type TargetGroupAttribute,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { chunk, clientConfig, collectPages, instrument, type AwsTarget } from './clients.js';

export type { Listener, LoadBalancer, LoadBalancerAttribute, Rule, TagDescription, TargetGroup, TargetGroupAttribute, TargetHealthDescription };

/** The largest page each API accepts. */
export const ELBV2_PAGE_SIZE = {
  DescribeLoadBalancers: 400,
  DescribeListeners: 400,
  DescribeRules: 400,
  DescribeTargetGroups: 400,
  /** ARNs per DescribeTags call. */
  DescribeTags: 20,
} as const;

export interface Elbv2Port {
  describeLoadBalancers(): Promise<LoadBalancer[]>;
  describeListeners(loadBalancerArn: string): Promise<Listener[]>;
  describeRules(listenerArn: string): Promise<Rule[]>;
  describeTargetGroups(): Promise<TargetGroup[]>;
  describeTargetHealth(targetGroupArn: string): Promise<TargetHealthDescription[]>;
  describeLoadBalancerAttributes(loadBalancerArn: string): Promise<LoadBalancerAttribute[]>;
  describeTargetGroupAttributes(targetGroupArn: string): Promise<TargetGroupAttribute[]>;
  /** Tags of any ELBv2 resources, batched 20 ARNs per call. */
  describeTags(resourceArns: readonly string[]): Promise<TagDescription[]>;
}

export type Elbv2PageSizes = { -readonly [K in keyof typeof ELBV2_PAGE_SIZE]: number };

export function elbv2PortOf(client: ElasticLoadBalancingV2Client, sizes: Elbv2PageSizes = ELBV2_PAGE_SIZE): Elbv2Port {
  // These paginators ignore `pageSize` (the SDK models no page-size member for them), so PageSize goes in the input.
  const cfg = { client, stopOnSameToken: true };
  return {
    describeLoadBalancers: () => collectPages(paginateDescribeLoadBalancers(cfg, { PageSize: sizes.DescribeLoadBalancers }), (p) => p.LoadBalancers),
    describeListeners: (arn) => collectPages(paginateDescribeListeners(cfg, { LoadBalancerArn: arn, PageSize: sizes.DescribeListeners }), (p) => p.Listeners),
    describeRules: (arn) => collectPages(paginateDescribeRules(cfg, { ListenerArn: arn, PageSize: sizes.DescribeRules }), (p) => p.Rules),
    describeTargetGroups: () => collectPages(paginateDescribeTargetGroups(cfg, { PageSize: sizes.DescribeTargetGroups }), (p) => p.TargetGroups),
    describeTargetHealth: async (arn) => (await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))).TargetHealthDescriptions ?? [],
    describeLoadBalancerAttributes: async (arn) => (await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))).Attributes ?? [],
    describeTargetGroupAttributes: async (arn) => (await client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))).Attributes ?? [],
    describeTags: async (arns) => {
      const out: TagDescription[] = [];
      for (const batch of chunk(arns, sizes.DescribeTags)) {
        out.push(...((await client.send(new DescribeTagsCommand({ ResourceArns: batch }))).TagDescriptions ?? []));
      }
      return out;
    },
  };
}

export function createElbv2Port(target: AwsTarget, sizes?: Elbv2PageSizes): Elbv2Port {
  return elbv2PortOf(instrument(new ElasticLoadBalancingV2Client(clientConfig(target)), 'elbv2', target), sizes);
}
