/**
 * The fewest API calls a scan of an estate can make: one call per page at
 * the largest page size, one per resource for per-resource details. A scan
 * that makes more wastes calls (and throttling budget); tests and the
 * measurement script compare a scan's count with this bound.
 */
import { AUTOSCALING_PAGE_SIZE, EC2_PAGE_SIZE, ELB_PAGE_SIZE, ELBV2_PAGE_SIZE } from '../aws/index.js';
import { resourcesOf, type AwsResource, type Snapshot } from '../snapshot/types.js';

/** Pages needed for `n` items (an empty list still takes one call). */
const pages = (n: number, size: number): number => Math.max(1, Math.ceil(n / size));
/** Batched calls for `n` items (none when there is nothing to ask about). */
const batches = (n: number, size: number): number => Math.ceil(n / size);

/**
 * The lower bound per `port:Action` for one snapshot. `pagesAs: 'aws'` (the
 * default) counts pages as AWS cuts them; `'moto'` as the moto emulator
 * does: DescribeInstances by reservation, and one page whatever the size for
 * the lists it never pages (volumes, subnets, VPCs, security groups, target
 * groups, listeners, policies, scheduled actions). Calls that depend on
 * options are counted when the snapshot shows them (user data) or when
 * given (`roles`: one AssumeRole each); --all-regions adds one
 * DescribeRegions per account, not counted here.
 */
export function lowerBoundCalls(snapshot: Snapshot, options: { pagesAs?: 'aws' | 'moto'; roles?: number } = {}): Record<string, number> {
  const moto = options.pagesAs === 'moto';
  /** Pages of a list the emulator answers in one page whatever its size. */
  const listPages = (n: number, size: number): number => (moto ? 1 : pages(n, size));
  const bound = new Map<string, number>();
  const add = (call: string, n: number): void => {
    if (n > 0) bound.set(call, (bound.get(call) ?? 0) + n);
  };
  add('sts:GetCallerIdentity', 1);
  add('sts:AssumeRole', options.roles ?? 0);
  for (const accountId of snapshot.source.accounts) {
    for (const region of snapshot.source.regions) {
      const okServices = new Set(snapshot.coverage.filter((c) => c.accountId === accountId && c.region === region && c.status === 'ok').map((c) => c.service));
      if (okServices.size === 0) continue;
      const of = (type: Parameters<typeof resourcesOf>[1]): AwsResource[] => resourcesOf(snapshot, type).filter((r) => r.accountId === accountId && r.region === region);

      if (okServices.has('ec2')) {
        const instances = of('AWS::EC2::Instance');
        const units = moto ? new Set(instances.map((i) => i.ReservationId)).size : instances.length;
        add('ec2:DescribeInstances', pages(units, EC2_PAGE_SIZE.DescribeInstances));
        add('ec2:DescribeVolumes', listPages(of('AWS::EC2::Volume').length, EC2_PAGE_SIZE.DescribeVolumes));
        add('ec2:DescribeSubnets', listPages(of('AWS::EC2::Subnet').length, EC2_PAGE_SIZE.DescribeSubnets));
        add('ec2:DescribeVpcs', listPages(of('AWS::EC2::VPC').length, EC2_PAGE_SIZE.DescribeVpcs));
        add('ec2:DescribeSecurityGroups', listPages(of('AWS::EC2::SecurityGroup').length, EC2_PAGE_SIZE.DescribeSecurityGroups));
        add('ec2:DescribeAddresses', 1);
        add('ec2:DescribeAvailabilityZones', 1);
        const templates = of('AWS::EC2::LaunchTemplate');
        add('ec2:DescribeLaunchTemplates', pages(templates.length, EC2_PAGE_SIZE.DescribeLaunchTemplates));
        for (const template of templates) {
          const versions = (template.Versions as unknown[] | undefined)?.length ?? 0;
          add('ec2:DescribeLaunchTemplateVersions', batches(versions, EC2_PAGE_SIZE.DescribeLaunchTemplateVersions));
        }
        const types = snapshot.instanceTypes.filter((t) => t.region === region).length;
        add('ec2:DescribeInstanceTypes', batches(types, EC2_PAGE_SIZE.DescribeInstanceTypes));
        // AMIs by id, in batches. On AWS a batch holding an id AWS no longer knows fails and is asked again: not counted.
        const images = new Set(instances.map((i) => i.ImageId).filter((id) => typeof id === 'string' && id !== '')).size;
        add('ec2:DescribeImages', batches(images, EC2_PAGE_SIZE.DescribeImages));
        if (snapshot.source.includesUserData) {
          const live = instances.filter((i) => !['terminated', 'shutting-down'].includes(String((i.State as { Name?: string } | undefined)?.Name)));
          add('ec2:DescribeInstanceAttribute', live.length);
        }
      }

      if (okServices.has('elbv2')) {
        const lbs = of('AWS::ElasticLoadBalancingV2::LoadBalancer');
        const listeners = of('AWS::ElasticLoadBalancingV2::Listener');
        const rules = of('AWS::ElasticLoadBalancingV2::ListenerRule');
        const tgs = of('AWS::ElasticLoadBalancingV2::TargetGroup');
        add('elbv2:DescribeLoadBalancers', pages(lbs.length, ELBV2_PAGE_SIZE.DescribeLoadBalancers));
        for (const lb of lbs) add('elbv2:DescribeListeners', listPages(listeners.filter((l) => l.LoadBalancerArn === lb.LoadBalancerArn).length, ELBV2_PAGE_SIZE.DescribeListeners));
        for (const listener of listeners) add('elbv2:DescribeRules', pages(rules.filter((r) => r.ListenerArn === listener.ListenerArn).length, ELBV2_PAGE_SIZE.DescribeRules));
        add('elbv2:DescribeLoadBalancerAttributes', lbs.length);
        add('elbv2:DescribeTargetGroups', listPages(tgs.length, ELBV2_PAGE_SIZE.DescribeTargetGroups));
        add('elbv2:DescribeTargetHealth', tgs.length);
        add('elbv2:DescribeTargetGroupAttributes', tgs.length);
        add('elbv2:DescribeTags', batches(lbs.length + tgs.length, ELBV2_PAGE_SIZE.DescribeTags));
      }

      if (okServices.has('elb')) {
        const clbs = of('AWS::ElasticLoadBalancing::LoadBalancer');
        add('elb:DescribeLoadBalancers', pages(clbs.length, ELB_PAGE_SIZE.DescribeLoadBalancers));
        add('elb:DescribeInstanceHealth', clbs.length);
        add('elb:DescribeLoadBalancerAttributes', clbs.length);
        add('elb:DescribeTags', batches(clbs.length, ELB_PAGE_SIZE.DescribeTags));
      }

      if (okServices.has('autoscaling')) {
        const groups = of('AWS::AutoScaling::AutoScalingGroup');
        add('autoscaling:DescribeAutoScalingGroups', pages(groups.length, AUTOSCALING_PAGE_SIZE.DescribeAutoScalingGroups));
        add('autoscaling:DescribeLaunchConfigurations', pages(of('AWS::AutoScaling::LaunchConfiguration').length, AUTOSCALING_PAGE_SIZE.DescribeLaunchConfigurations));
        add('autoscaling:DescribePolicies', listPages(of('AWS::AutoScaling::ScalingPolicy').length, AUTOSCALING_PAGE_SIZE.DescribePolicies));
        add('autoscaling:DescribeScheduledActions', listPages(of('AWS::AutoScaling::ScheduledAction').length, AUTOSCALING_PAGE_SIZE.DescribeScheduledActions));
        add('autoscaling:DescribeLifecycleHooks', groups.length);
        for (const pool of of('AWS::AutoScaling::WarmPool')) add('autoscaling:DescribeWarmPool', pages((pool.Instances as unknown[] | undefined)?.length ?? 0, AUTOSCALING_PAGE_SIZE.DescribeWarmPool));
      }
    }
  }
  return Object.fromEntries([...bound.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
