/**
 * Collector logic over fake ports: what moto can't show (vanished
 * resources, an unhealthy target, one denied call inside a service,
 * unknown instance types) and how failures become one coverage record.
 */
import { describe, expect, it } from 'vitest';
import type { AutoScalingPort, Ec2Port, Elbv2Port } from '../../src/aws/index.js';
import { collectAutoScaling } from '../../src/collect/autoscaling.js';
import { createServiceContext } from '../../src/collect/context.js';
import { collectEc2, completeEc2WithPort } from '../../src/collect/ec2.js';
import { usedTemplateVersions } from '../../src/snapshot/enrich.js';
import { collectElbv2 } from '../../src/collect/elbv2.js';
import { ec2Collector } from '../../src/collect/ec2.js';
import { elbv2Collector } from '../../src/collect/elbv2.js';
import { memorySink } from '../../src/events/index.js';

const awsError = (name: string, message = `${name} happened`) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
const context = (service: 'ec2' | 'elbv2' | 'autoscaling', includeUserData = false) =>
  createServiceContext({ accountId: '111111111111', region: 'eu-west-1', service, includeUserData, reporter: memorySink() });

function fakeElbv2(overrides: Partial<Elbv2Port> = {}): Elbv2Port {
  return {
    describeLoadBalancers: async () => [{ LoadBalancerArn: 'lb-1', Type: 'application' }],
    describeListeners: async () => [{ ListenerArn: 'l-1', LoadBalancerArn: 'lb-1' }],
    describeRules: async () => [{ RuleArn: 'r-1', IsDefault: true }],
    describeTargetGroups: async () => [{ TargetGroupArn: 'tg-1' }, { TargetGroupArn: 'tg-gone' }],
    describeTargetHealth: async (arn) => {
      if (arn === 'tg-gone') throw awsError('TargetGroupNotFound');
      return [{ Target: { Id: 'i-1' }, TargetHealth: { State: 'unhealthy', Reason: 'Target.ResponseCodeMismatch' } }];
    },
    describeLoadBalancerAttributes: async () => [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }],
    describeTargetGroupAttributes: async () => [{ Key: 'deregistration_delay.timeout_seconds', Value: '300' }],
    describeTags: async (arns) => arns.map((ResourceArn) => ({ ResourceArn, Tags: [{ Key: 'team', Value: 'a' }] })),
    ...overrides,
  };
}

describe('ELBv2 collector logic', () => {
  it('keeps target health as AWS reports it and drops a target group deleted during the scan', async () => {
    const ctx = context('elbv2');
    const out = await collectElbv2(fakeElbv2(), ctx);
    expect(out.resources['AWS::ElasticLoadBalancingV2::TargetGroup']).toEqual([
      {
        TargetGroupArn: 'tg-1',
        TargetHealthDescriptions: [{ Target: { Id: 'i-1' }, TargetHealth: { State: 'unhealthy', Reason: 'Target.ResponseCodeMismatch' } }],
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '300' }],
        Tags: [{ Key: 'team', Value: 'a' }],
      },
    ]);
    expect(out.resources['AWS::ElasticLoadBalancingV2::ListenerRule']).toEqual([{ RuleArn: 'r-1', IsDefault: true, ListenerArn: 'l-1' }]);
    expect(ctx.coverage(elbv2Collector.resourceTypes)).toEqual({ accountId: '111111111111', region: 'eu-west-1', service: 'elbv2', status: 'ok' });
  });

  it('records one denied call with the types it leaves incomplete, and keeps the rest', async () => {
    const ctx = context('elbv2');
    const out = await collectElbv2(fakeElbv2({ describeTags: async () => Promise.reject(awsError('AccessDenied', 'User x is not authorized to perform: elasticloadbalancing:DescribeTags')) }), ctx);
    expect(out.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']![0]).not.toHaveProperty('Tags');
    expect(out.resources['AWS::ElasticLoadBalancingV2::Listener']).toHaveLength(1);
    expect(ctx.coverage(elbv2Collector.resourceTypes)).toEqual({
      accountId: '111111111111',
      region: 'eu-west-1',
      service: 'elbv2',
      status: 'error',
      errorCode: 'AccessDenied',
      error: 'elasticloadbalancing:DescribeTags: AccessDenied: User x is not authorized to perform: elasticloadbalancing:DescribeTags',
      missing: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::TargetGroup'],
    });
  });

  it('leaves `missing` out when every type of the service failed', async () => {
    const ctx = context('elbv2');
    const denied = async () => Promise.reject(awsError('AccessDenied'));
    await collectElbv2(fakeElbv2({ describeLoadBalancers: denied, describeTargetGroups: denied }), ctx);
    const coverage = ctx.coverage(elbv2Collector.resourceTypes);
    expect(coverage).toMatchObject({ status: 'error', errorCode: 'AccessDenied' });
    expect(coverage).not.toHaveProperty('missing');
  });

  it('rethrows what is not an AWS failure: a bug must not become a coverage gap', async () => {
    await expect(collectElbv2(fakeElbv2({ describeListeners: async () => Promise.reject(new TypeError('x is undefined')) }), context('elbv2'))).rejects.toThrow(TypeError);
  });
});

function fakeEc2(overrides: Partial<Ec2Port> = {}): Ec2Port {
  return {
    describeInstances: async () => [
      { ReservationId: 'r-1', OwnerId: '111111111111', Instances: [{ InstanceId: 'i-1', InstanceType: 'm5.large', State: { Name: 'running' } }, { InstanceId: 'i-2', InstanceType: 'm1.small', State: { Name: 'terminated' } }] },
    ],
    describeVolumes: async () => [],
    describeSubnets: async () => [],
    describeVpcs: async () => [],
    describeSecurityGroups: async () => [],
    describeAddresses: async () => [],
    describeLaunchTemplates: async () => [{ LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web' }, { LaunchTemplateId: 'lt-2', LaunchTemplateName: 'unused' }],
    describeLaunchTemplateVersions: async (id, versions) =>
      versions.map((v, i) => ({ LaunchTemplateId: id, VersionNumber: v.startsWith('$') ? 7 : Number(v), LaunchTemplateData: { InstanceType: i === 0 ? 'c5.large' : 'm5.large', UserData: Buffer.from('TOKEN=abc').toString('base64') } })),
    describeInstanceTypes: async (types) => types.map((InstanceType) => ({ InstanceType, VCpuInfo: { DefaultVCpus: 2 } }) as never),
    describeImages: async () => [],
    describeAvailabilityZones: async () => [{ ZoneName: 'eu-west-1a', ZoneId: 'euw1-az1' }],
    describeRegions: async () => [],
    describeInstanceUserData: async () => undefined,
    ...overrides,
  };
}

describe('EC2 collector logic', () => {
  it('flattens reservations and keeps ReservationId and OwnerId on each instance', async () => {
    const out = await collectEc2(fakeEc2(), context('ec2'));
    expect(out.resources['AWS::EC2::Instance']).toEqual([
      { InstanceId: 'i-1', InstanceType: 'm5.large', State: { Name: 'running' }, ReservationId: 'r-1', OwnerId: '111111111111' },
      { InstanceId: 'i-2', InstanceType: 'm1.small', State: { Name: 'terminated' }, ReservationId: 'r-1', OwnerId: '111111111111' },
    ]);
    expect(out.availabilityZones).toEqual([{ ZoneName: 'eu-west-1a', ZoneId: 'euw1-az1' }]);
  });

  it('finds the template versions groups use: by id or name, mixed instances policies, and $Default when none is named', () => {
    const templates = [
      { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web' },
      { LaunchTemplateId: 'lt-2', LaunchTemplateName: 'batch' },
    ];
    const groups = [
      { LaunchTemplate: { LaunchTemplateId: 'lt-1', Version: '$Latest' }, Instances: [{ LaunchTemplate: { LaunchTemplateId: 'lt-1', Version: '4' } }] },
      { MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateName: 'batch' }, Overrides: [{ LaunchTemplateSpecification: { LaunchTemplateId: 'lt-1', Version: '2' } }] } } },
      { LaunchTemplate: { LaunchTemplateId: 'lt-other-account', Version: '1' } },
    ];
    const used = usedTemplateVersions(groups, templates);
    expect([...used.entries()].map(([id, v]) => [id, [...v].sort()])).toEqual([
      ['lt-1', ['$Latest', '2', '4']],
      ['lt-2', ['$Default']],
    ]);
  });

  it('puts used versions on templates, strips their user data by default, and describes every instance type in use', async () => {
    const ctx = context('ec2');
    const ec2 = fakeEc2();
    const out = await collectEc2(ec2, ctx);
    await completeEc2WithPort(ec2, ctx, out, { groups: [{ LaunchTemplate: { LaunchTemplateName: 'web', Version: '3' } }], launchConfigurations: [{ InstanceType: 't2.nano' }] });
    const [web, unused] = out.resources['AWS::EC2::LaunchTemplate']!;
    expect(web!.Versions).toEqual([{ LaunchTemplateId: 'lt-1', VersionNumber: 3, LaunchTemplateData: { InstanceType: 'c5.large' } }]);
    expect(unused!.Versions).toEqual([]);
    expect(out.instanceTypes!.map((t) => t.InstanceType)).toEqual(['c5.large', 'm1.small', 'm5.large', 't2.nano']);
    expect(ctx.coverage(ec2Collector.resourceTypes).status).toBe('ok');
  });

  it('decodes and redacts template user data when asked to', async () => {
    const ctx = context('ec2', true);
    const ec2 = fakeEc2();
    const out = await collectEc2(ec2, ctx);
    await completeEc2WithPort(ec2, ctx, out, { groups: [{ LaunchTemplate: { LaunchTemplateId: 'lt-1' } }] });
    expect((out.resources['AWS::EC2::LaunchTemplate']![0]!.Versions as { LaunchTemplateData: { UserData: string } }[])[0]!.LaunchTemplateData.UserData).toBe('TOKEN=[REDACTED]');
  });

  it('skips instance type names AWS does not know instead of losing all of them', async () => {
    const ctx = context('ec2');
    const ec2 = fakeEc2({
      describeInstanceTypes: async (types) => {
        if (types.includes('m1.small')) throw awsError('InvalidInstanceType', 'The following supplied instance types do not exist: [m1.small]');
        return types.map((InstanceType) => ({ InstanceType }) as never);
      },
    });
    const out = await collectEc2(ec2, ctx);
    await completeEc2WithPort(ec2, ctx, out, { groups: [] });
    expect(out.instanceTypes!.map((t) => t.InstanceType)).toEqual(['m5.large']);
    expect(ctx.coverage(ec2Collector.resourceTypes).status).toBe('ok');
  });

  it('marks launch templates incomplete when the Auto Scaling groups could not be read', async () => {
    const ctx = context('ec2');
    const ec2 = fakeEc2();
    const out = await collectEc2(ec2, ctx);
    await completeEc2WithPort(ec2, ctx, out, undefined);
    expect(ctx.coverage(ec2Collector.resourceTypes)).toMatchObject({ status: 'error', errorCode: 'DependencyFailed', missing: ['AWS::EC2::LaunchTemplate'] });
  });

  it('records a failed side table (zones) as a gap that leaves no resource type missing', async () => {
    const ctx = context('ec2');
    await collectEc2(fakeEc2({ describeAvailabilityZones: async () => Promise.reject(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation. Encoded authorization failure message: AbC123xyz')) }), ctx);
    expect(ctx.coverage(ec2Collector.resourceTypes)).toMatchObject({
      status: 'error',
      errorCode: 'UnauthorizedOperation',
      error: 'ec2:DescribeAvailabilityZones: UnauthorizedOperation: You are not authorized to perform this operation.',
      missing: [],
    });
  });

  it('reads user data of live instances only, when asked to', async () => {
    const asked: string[] = [];
    const ec2 = fakeEc2({
      describeInstanceUserData: async (id) => {
        asked.push(id);
        return Buffer.from('#!/bin/sh\nexport API_KEY=sk-live-123\n').toString('base64');
      },
    });
    const out = await collectEc2(ec2, context('ec2', true));
    expect(asked).toEqual(['i-1']);
    expect(out.resources['AWS::EC2::Instance']![0]!.UserData).toBe('#!/bin/sh\nexport API_KEY=[REDACTED]\n');
  });
});

describe('Auto Scaling collector logic', () => {
  const port = (overrides: Partial<AutoScalingPort> = {}): AutoScalingPort => ({
    describeAutoScalingGroups: async () => [{ AutoScalingGroupName: 'web', WarmPoolConfiguration: { MinSize: 1 } }, { AutoScalingGroupName: 'gone' }, { AutoScalingGroupName: 'plain' }] as never[],
    describeLaunchConfigurations: async () => [{ LaunchConfigurationName: 'lc', UserData: Buffer.from('PASSWORD=x').toString('base64') }] as never[],
    describePolicies: async () => [],
    describeScheduledActions: async () => [],
    describeLifecycleHooks: async (name) => {
      if (name === 'gone') throw awsError('ValidationError', 'Group gone not found');
      return name === 'web' ? [{ LifecycleHookName: 'drain' }] : [];
    },
    describeWarmPool: async () => ({ WarmPoolConfiguration: { MinSize: 1 }, Instances: [] }),
    ...overrides,
  });

  it('asks for warm pools only where groups report one, tolerates a group deleted mid-scan, and strips user data', async () => {
    const pools: string[] = [];
    const ctx = context('autoscaling');
    const out = await collectAutoScaling(
      port({
        describeWarmPool: async (name) => {
          pools.push(name);
          return { WarmPoolConfiguration: { MinSize: 1 }, Instances: [] };
        },
      }),
      ctx,
    );
    expect(pools).toEqual(['web']);
    expect(out.resources['AWS::AutoScaling::LifecycleHook']).toEqual([{ AutoScalingGroupName: 'web', LifecycleHookName: 'drain' }]);
    expect(out.resources['AWS::AutoScaling::WarmPool']).toEqual([{ AutoScalingGroupName: 'web', WarmPoolConfiguration: { MinSize: 1 }, Instances: [] }]);
    expect(out.resources['AWS::AutoScaling::LaunchConfiguration']).toEqual([{ LaunchConfigurationName: 'lc' }]);
    expect(ctx.failures).toEqual([]);
  });
});
