import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { autoScalingPortOf } from '../../src/aws/autoscaling.js';
import { ec2PortOf } from '../../src/aws/ec2.js';
import { elbPortOf } from '../../src/aws/elb.js';
import { elbv2PortOf } from '../../src/aws/elbv2.js';
import { pages, stubSend } from './stub-client.js';

const config = { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };

describe('EC2 port paging', () => {
  it('follows NextToken through an empty page and asks for 1000 instances a page', async () => {
    const { client, sent } = stubSend(
      new EC2Client(config),
      pages(
        { Reservations: [{ ReservationId: 'r-1', Instances: [{ InstanceId: 'i-1' }] }], NextToken: 't1' },
        { Reservations: [], NextToken: 't2' },
        { Reservations: [{ ReservationId: 'r-2', Instances: [{ InstanceId: 'i-2' }] }] },
      ),
    );
    const reservations = await ec2PortOf(client).describeInstances();
    expect(reservations.map((r) => r.ReservationId)).toEqual(['r-1', 'r-2']);
    expect(sent.map((s) => [s.input.MaxResults, s.input.NextToken])).toEqual([
      [1000, undefined],
      [1000, 't1'],
      [1000, 't2'],
    ]);
  });

  it.each([
    ['describeVolumes', 'Volumes', 1000],
    ['describeSubnets', 'Subnets', 1000],
    ['describeVpcs', 'Vpcs', 1000],
    ['describeSecurityGroups', 'SecurityGroups', 1000],
    ['describeLaunchTemplates', 'LaunchTemplates', 200],
  ] as const)('%s follows every page at page size %s', async (method, key, size) => {
    const { client, sent } = stubSend(new EC2Client(config), pages({ [key]: [{ id: 1 }], NextToken: 'n' }, { [key]: [], NextToken: 'm' }, { [key]: [{ id: 2 }, { id: 3 }] }));
    const items = await ec2PortOf(client)[method]();
    expect(items).toHaveLength(3);
    expect(sent).toHaveLength(3);
    for (const s of sent) expect(s.input.MaxResults).toBe(size);
  });

  it('asks for launch template versions by id with MaxResults, across pages', async () => {
    const { client, sent } = stubSend(new EC2Client(config), pages({ LaunchTemplateVersions: [{ VersionNumber: 1 }], NextToken: 'n' }, { LaunchTemplateVersions: [{ VersionNumber: 3 }] }));
    const versions = await ec2PortOf(client).describeLaunchTemplateVersions('lt-1', ['$Latest', '1']);
    expect(versions.map((v) => v.VersionNumber)).toEqual([1, 3]);
    expect(sent[0]!.input).toMatchObject({ LaunchTemplateId: 'lt-1', Versions: ['$Latest', '1'], MaxResults: 200 });
  });

  it('asks for at most 100 instance types a call and follows NextToken within a batch', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `m${i}.large`);
    const { client, sent } = stubSend(new EC2Client(config), (_n, input) =>
      input.NextToken ? { InstanceTypes: [{ InstanceType: 'late' }] } : { InstanceTypes: (input.InstanceTypes as string[]).map((InstanceType) => ({ InstanceType })), NextToken: sentFirst() ? 'more' : undefined },
    );
    let first = true;
    function sentFirst(): boolean {
      const was = first;
      first = false;
      return was;
    }
    const infos = await ec2PortOf(client).describeInstanceTypes([...names, names[0]!]);
    expect(infos).toHaveLength(151);
    expect(sent.map((s) => (s.input.InstanceTypes as string[]).length)).toEqual([100, 100, 50]);
    expect(sent[1]!.input.NextToken).toBe('more');
  });
});

describe('ELBv2 port paging and batching', () => {
  it('pages load balancers at 400 with markers, through an empty page', async () => {
    const { client, sent } = stubSend(
      new ElasticLoadBalancingV2Client(config),
      pages({ LoadBalancers: [{ LoadBalancerArn: 'a' }], NextMarker: 'm1' }, { LoadBalancers: [], NextMarker: 'm2' }, { LoadBalancers: [{ LoadBalancerArn: 'b' }] }),
    );
    const lbs = await elbv2PortOf(client).describeLoadBalancers();
    expect(lbs.map((l) => l.LoadBalancerArn)).toEqual(['a', 'b']);
    expect(sent.map((s) => [s.input.PageSize, s.input.Marker])).toEqual([
      [400, undefined],
      [400, 'm1'],
      [400, 'm2'],
    ]);
  });

  it.each([
    ['describeListeners', 'Listeners'],
    ['describeRules', 'Rules'],
  ] as const)('%s follows markers at page size 400', async (method, key) => {
    const { client, sent } = stubSend(new ElasticLoadBalancingV2Client(config), pages({ [key]: [{ x: 1 }], NextMarker: 'm' }, { [key]: [{ x: 2 }] }));
    expect(await elbv2PortOf(client)[method]('arn:x')).toHaveLength(2);
    expect(sent.map((s) => s.input.PageSize)).toEqual([400, 400]);
  });

  it('pages target groups at 400', async () => {
    const { client, sent } = stubSend(new ElasticLoadBalancingV2Client(config), pages({ TargetGroups: [{ TargetGroupArn: 'a' }], NextMarker: 'm' }, { TargetGroups: [{ TargetGroupArn: 'b' }] }));
    expect(await elbv2PortOf(client).describeTargetGroups()).toHaveLength(2);
    expect(sent.map((s) => s.input.PageSize)).toEqual([400, 400]);
  });

  it('asks for tags 20 ARNs at a time', async () => {
    const arns = Array.from({ length: 45 }, (_, i) => `arn:${i}`);
    const { client, sent } = stubSend(new ElasticLoadBalancingV2Client(config), (_n, input) => ({
      TagDescriptions: (input.ResourceArns as string[]).map((ResourceArn) => ({ ResourceArn, Tags: [] })),
    }));
    const tags = await elbv2PortOf(client).describeTags(arns);
    expect(tags.map((t) => t.ResourceArn)).toEqual(arns);
    expect(sent.map((s) => (s.input.ResourceArns as string[]).length)).toEqual([20, 20, 5]);
  });
});

describe('classic ELB port paging and batching', () => {
  it('pages at 400 and asks for tags 20 names at a time', async () => {
    const { client, sent } = stubSend(new ElasticLoadBalancingClient(config), (name, input, index) => {
      if (name === 'DescribeLoadBalancers') return index === 0 ? { LoadBalancerDescriptions: [], NextMarker: 'm' } : { LoadBalancerDescriptions: [{ LoadBalancerName: 'x' }] };
      return { TagDescriptions: (input.LoadBalancerNames as string[]).map((LoadBalancerName) => ({ LoadBalancerName, Tags: [] })) };
    });
    const port = elbPortOf(client);
    expect((await port.describeLoadBalancers()).map((l) => l.LoadBalancerName)).toEqual(['x']);
    await port.describeTags(Array.from({ length: 21 }, (_, i) => `lb${i}`));
    expect(sent.map((s) => [s.name, s.input.PageSize ?? (s.input.LoadBalancerNames as string[]).length])).toEqual([
      ['DescribeLoadBalancers', 400],
      ['DescribeLoadBalancers', 400],
      ['DescribeTags', 20],
      ['DescribeTags', 1],
    ]);
  });
});

describe('Auto Scaling port paging', () => {
  it.each([
    ['describeAutoScalingGroups', 'AutoScalingGroups'],
    ['describeLaunchConfigurations', 'LaunchConfigurations'],
    ['describePolicies', 'ScalingPolicies'],
    ['describeScheduledActions', 'ScheduledUpdateGroupActions'],
  ] as const)('%s asks for 100 records a page and follows NextToken through an empty page', async (method, key) => {
    const { client, sent } = stubSend(new AutoScalingClient(config), pages({ [key]: [{ a: 1 }], NextToken: 'n' }, { [key]: [], NextToken: 'o' }, { [key]: [{ a: 2 }] }));
    expect(await autoScalingPortOf(client)[method]()).toHaveLength(2);
    expect(sent.map((s) => [s.input.MaxRecords, s.input.NextToken])).toEqual([
      [100, undefined],
      [100, 'n'],
      [100, 'o'],
    ]);
  });

  it('gathers a warm pool across pages of 50 instances', async () => {
    const { client, sent } = stubSend(
      new AutoScalingClient(config),
      pages({ WarmPoolConfiguration: { MinSize: 2 }, Instances: [{ InstanceId: 'i-1' }], NextToken: 'n' }, { WarmPoolConfiguration: { MinSize: 2 }, Instances: [{ InstanceId: 'i-2' }] }),
    );
    const pool = await autoScalingPortOf(client).describeWarmPool('web');
    expect(pool).toEqual({ WarmPoolConfiguration: { MinSize: 2 }, Instances: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }] });
    expect(sent.map((s) => [s.input.AutoScalingGroupName, s.input.MaxRecords])).toEqual([
      ['web', 50],
      ['web', 50],
    ]);
  });
});
