import { describe, expect, it } from 'vitest';
import { IMAGE_FIELDS } from '../../src/snapshot/enrich.js';
import { InputError } from '../../src/errors.js';
import { CAPTURE_COMMANDS, importAwsCli, type ImportOptions } from '../../src/snapshot/import-aws-cli.js';
import { serializeSnapshot } from '../../src/snapshot/read-write.js';
import type { AwsResource, Snapshot } from '../../src/snapshot/types.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const OPTIONS: ImportOptions = { root: 'captures', toolVersion: '1.2.3', now: NOW };

const arn = (service: string, resource: string, account = ACCOUNT, region = REGION): string => `arn:aws:${service}:${region}:${account}:${resource}`;
const LB_ARN = arn('elasticloadbalancing', 'loadbalancer/app/web/0123456789abcdef');
const TG_ARN = arn('elasticloadbalancing', 'targetgroup/web-tg/fedcba9876543210');
const LISTENER_ARN = arn('elasticloadbalancing', 'listener/app/web/0123456789abcdef/aaaabbbbccccdddd');
const ASG_NAME = 'web/blue fleet';
const ASG_KEY = 'web%2Fblue%20fleet';
// A canary that must never reach a snapshot unless user data is asked for, and then only redacted.
const CANARY_KEY = 'AKIAIOSFODNN7CANARY1';
const USER_DATA = Buffer.from(`#!/bin/bash\nexport AWS_ACCESS_KEY_ID=${CANARY_KEY}\nexport DB_PASSWORD=hunter2-canary\necho started\n`).toString('base64');

const instance = (id: string, type: string, zone: string, state = 'running', image = 'ami-0aaaa1111bbbb2222') => ({
  ImageId: image,
  InstanceId: id,
  InstanceType: type,
  LaunchTime: '2026-01-10T08:00:00+00:00',
  Placement: { AvailabilityZone: zone, Tenancy: 'default' },
  State: { Code: 16, Name: state },
  SubnetId: 'subnet-a',
  Tags: [{ Key: 'Name', Value: id }],
});

/** A marketplace AMI as `aws ec2 describe-images` prints it. */
const IMAGE_REDASH = {
  Architecture: 'x86_64',
  CreationDate: '2024-01-15T08:30:00.000Z',
  ImageId: 'ami-0aaaa1111bbbb2222',
  ImageLocation: 'aws-marketplace/redash-10.1.0-ubuntu-22.04-20240115',
  ImageOwnerAlias: 'aws-marketplace',
  ImageType: 'machine',
  Public: true,
  OwnerId: '679593333241',
  PlatformDetails: 'Linux/UNIX',
  UsageOperation: 'RunInstances',
  State: 'available',
  BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { SnapshotId: 'snap-1', VolumeSize: 30 } }],
  Description: 'Redash 10.1.0 all-in-one',
  Name: 'redash-10.1.0-ubuntu-22.04-20240115',
  RootDeviceName: '/dev/sda1',
  VirtualizationType: 'hvm',
};

/** A complete capture of one small estate, as the AWS CLI prints each command. */
function estate(): Record<string, unknown> {
  return {
    'ec2-describe-instances.json': {
      Reservations: [
        { ReservationId: 'r-1', OwnerId: ACCOUNT, Groups: [], Instances: [instance('i-0a', 't3.small', 'eu-west-1a'), instance('i-0b', 'm5.large', 'eu-west-1b', 'running', 'ami-0cccc3333dddd4444')] },
        { ReservationId: 'r-2', OwnerId: ACCOUNT, RequesterId: '940372691376', Groups: [], Instances: [instance('i-0c', 't3.small', 'eu-west-1a', 'terminated', 'ami-0deregistered00')] },
      ],
    },
    'ec2-describe-volumes.json': { Volumes: [{ VolumeId: 'vol-1', Size: 100, VolumeType: 'gp2', Attachments: [{ InstanceId: 'i-0b', Device: '/dev/sdf', AttachTime: '2026-01-10T08:00:05.123456+00:00' }] }] },
    'ec2-describe-subnets.json': { Subnets: [{ SubnetId: 'subnet-a', AvailabilityZone: 'eu-west-1a', AvailabilityZoneId: 'euw1-az1', SubnetArn: arn('ec2', 'subnet/subnet-a'), OwnerId: '999988887777' }] },
    'ec2-describe-vpcs.json': { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', IsDefault: false }] },
    'ec2-describe-security-groups.json': { SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'web', IpPermissions: [] }] },
    'ec2-describe-addresses.json': { Addresses: [{ AllocationId: 'eipalloc-1', PublicIp: '203.0.113.10', InstanceId: 'i-0b' }] },
    'ec2-describe-launch-templates.json': { LaunchTemplates: [{ LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', DefaultVersionNumber: 2, LatestVersionNumber: 3 }] },
    'ec2-describe-launch-template-versions/lt-1.json': {
      LaunchTemplateVersions: [1, 2, 3].map((n) => ({
        LaunchTemplateId: 'lt-1',
        LaunchTemplateName: 'web',
        VersionNumber: n,
        DefaultVersion: n === 2,
        LaunchTemplateData: { InstanceType: n === 3 ? 'c5.xlarge' : n === 2 ? 't3.medium' : 't3.nano', UserData: USER_DATA },
      })),
    },
    'ec2-describe-availability-zones.json': {
      AvailabilityZones: [
        { ZoneName: 'eu-west-1a', ZoneId: 'euw1-az1', RegionName: REGION, State: 'available' },
        { ZoneName: 'eu-west-1b', ZoneId: 'euw1-az2', RegionName: REGION, State: 'available' },
      ],
    },
    'ec2-describe-instance-types/1.json': {
      InstanceTypes: ['t3.small', 'm5.large', 't3.medium', 'c5.xlarge', 'r5.large', 'm4.large'].map((t) => ({ InstanceType: t, VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 4096 } })),
    },
    // As the capture script leaves them: a batch AWS refused for the one AMI it no longer knows, asked again id by id.
    'ec2-describe-images/1-ami-0aaaa1111bbbb2222.json': { Images: [IMAGE_REDASH] },
    'ec2-describe-images/1-ami-0cccc3333dddd4444.json': {
      Images: [{ ImageId: 'ami-0cccc3333dddd4444', Name: 'postgresql-15-al2023', OwnerId: ACCOUNT, PlatformDetails: 'Linux/UNIX', CreationDate: '2024-02-01T10:00:00.000Z', Description: null }],
    },
    'elbv2-describe-load-balancers.json': { LoadBalancers: [{ LoadBalancerArn: LB_ARN, LoadBalancerName: 'web', Type: 'application', Scheme: 'internet-facing', CreatedTime: '2026-01-01T00:00:00.999999+00:00' }] },
    'elbv2-describe-load-balancer-attributes/web.json': { Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }] },
    'elbv2-describe-listeners/web.json': { Listeners: [{ ListenerArn: LISTENER_ARN, LoadBalancerArn: LB_ARN, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: TG_ARN }] }] },
    'elbv2-describe-rules/aaaabbbbccccdddd.json': { Rules: [{ RuleArn: `${LISTENER_ARN.replace(':listener/', ':listener-rule/')}/r1`, Priority: 'default', IsDefault: true, Conditions: [], Actions: [] }] },
    'elbv2-describe-target-groups.json': { TargetGroups: [{ TargetGroupArn: TG_ARN, TargetGroupName: 'web-tg', HealthCheckPath: '/healthz', LoadBalancerArns: [LB_ARN] }] },
    'elbv2-describe-target-health/web-tg.json': { TargetHealthDescriptions: [{ Target: { Id: 'i-0a', Port: 8080 }, TargetHealth: { State: 'healthy' } }] },
    'elbv2-describe-target-group-attributes/web-tg.json': { Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }] },
    'elbv2-describe-tags/1.json': {
      TagDescriptions: [
        { ResourceArn: LB_ARN, Tags: [{ Key: 'team', Value: 'web' }] },
        { ResourceArn: TG_ARN, Tags: [] },
      ],
    },
    'elb-describe-load-balancers.json': { LoadBalancerDescriptions: [{ LoadBalancerName: 'legacy', HealthCheck: { Target: 'HTTP:8080/status', Interval: 30 }, Instances: [{ InstanceId: 'i-0b' }] }] },
    'elb-describe-instance-health/legacy.json': { InstanceStates: [{ InstanceId: 'i-0b', State: 'InService', ReasonCode: 'N/A' }] },
    'elb-describe-load-balancer-attributes/legacy.json': { LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: false }, ConnectionDraining: { Enabled: true, Timeout: 60 } } },
    'elb-describe-tags.json': { TagDescriptions: [{ LoadBalancerName: 'legacy', Tags: [{ Key: 'team', Value: 'billing' }] }] },
    'autoscaling-describe-auto-scaling-groups.json': {
      AutoScalingGroups: [
        {
          AutoScalingGroupName: ASG_NAME,
          AutoScalingGroupARN: arn('autoscaling', `autoScalingGroup:uuid-1:autoScalingGroupName/${ASG_NAME}`),
          LaunchTemplate: { LaunchTemplateId: 'lt-1', Version: '$Default' },
          MixedInstancesPolicy: { LaunchTemplate: { Overrides: [{ InstanceType: 'r5.large' }] } },
          MinSize: 2,
          MaxSize: 4,
          DesiredCapacity: 2,
          Instances: [{ InstanceId: 'i-0a', LaunchTemplate: { LaunchTemplateName: 'web', Version: '$Latest' } }],
          WarmPoolConfiguration: { MinSize: 1, PoolState: 'Stopped' },
          CreatedTime: '2026-01-01T00:00:00.821634Z',
        },
      ],
    },
    'autoscaling-describe-launch-configurations.json': { LaunchConfigurations: [{ LaunchConfigurationName: 'old', InstanceType: 'm4.large', ImageId: 'ami-1', UserData: USER_DATA }] },
    'autoscaling-describe-policies.json': { ScalingPolicies: [{ PolicyName: 'cpu', PolicyARN: arn('autoscaling', 'scalingPolicy:p1'), AutoScalingGroupName: ASG_NAME, PolicyType: 'TargetTrackingScaling' }] },
    'autoscaling-describe-scheduled-actions.json': { ScheduledUpdateGroupActions: [] },
    [`autoscaling-describe-lifecycle-hooks/${ASG_KEY}.json`]: { LifecycleHooks: [{ LifecycleHookName: 'drain', LifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING', HeartbeatTimeout: 60 }] },
    [`autoscaling-describe-warm-pool/${ASG_KEY}.json`]: { WarmPoolConfiguration: { MinSize: 1, PoolState: 'Stopped', Status: null }, Instances: [] },
  };
}

/** The same files under another folder (DIR/<account>/<region>/…), or with some left out or replaced. */
function files(base: Record<string, unknown>, options: { under?: string; drop?: string[]; set?: Record<string, unknown> } = {}): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const entries = { ...base, ...options.set };
  for (const [path, content] of Object.entries(entries)) {
    if (options.drop?.includes(path) || content === undefined) continue;
    out.set(options.under ? `${options.under}/${path}` : path, structuredClone(content));
  }
  return out;
}

const only = (snapshot: Snapshot, type: keyof Snapshot['resources']): AwsResource[] => snapshot.resources[type] ?? [];
const one = (snapshot: Snapshot, type: keyof Snapshot['resources']): AwsResource => {
  const list = only(snapshot, type);
  expect(list).toHaveLength(1);
  return list[0]!;
};
const coverage = (snapshot: Snapshot, service: string) => snapshot.coverage.find((c) => c.service === service)!;

function importError(input: Map<string, unknown>, options: Partial<ImportOptions> = {}): InputError {
  try {
    importAwsCli(input, { ...OPTIONS, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('importAwsCli', () => {
  it('reads a flat capture: account and region from the data, every resource with its kubelift additions', () => {
    const { snapshot, warnings } = importAwsCli(files(estate()), OPTIONS);
    expect(warnings).toEqual([]);
    expect(snapshot.source).toEqual({ kind: 'import', accounts: [ACCOUNT], regions: [REGION], includesUserData: false });
    expect(snapshot.generatedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(snapshot.coverage.map((c) => `${c.service}:${c.status}`)).toEqual(['autoscaling:ok', 'ec2:ok', 'elb:ok', 'elbv2:ok']);

    const instances = only(snapshot, 'AWS::EC2::Instance');
    expect(instances.map((i) => [i.InstanceId, i.ReservationId, i.OwnerId, i.accountId, i.region])).toEqual([
      ['i-0a', 'r-1', ACCOUNT, ACCOUNT, REGION],
      ['i-0b', 'r-1', ACCOUNT, ACCOUNT, REGION],
      ['i-0c', 'r-2', ACCOUNT, ACCOUNT, REGION],
    ]);
    expect(instances[0]!.LaunchTime).toBe('2026-01-10T08:00:00.000Z');
    expect(instances[0]).not.toHaveProperty('RequesterId');

    const lb = one(snapshot, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(lb.Attributes).toEqual([{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }]);
    expect(lb.Tags).toEqual([{ Key: 'team', Value: 'web' }]);
    // Sub-millisecond times are rounded, as the SDK a scan uses rounds them.
    expect(lb.CreatedTime).toBe('2026-01-01T00:00:01.000Z');
    expect(one(snapshot, 'AWS::ElasticLoadBalancingV2::Listener').ListenerArn).toBe(LISTENER_ARN);
    expect(one(snapshot, 'AWS::ElasticLoadBalancingV2::ListenerRule').ListenerArn).toBe(LISTENER_ARN);
    const tg = one(snapshot, 'AWS::ElasticLoadBalancingV2::TargetGroup');
    expect(tg.TargetHealthDescriptions).toEqual([{ Target: { Id: 'i-0a', Port: 8080 }, TargetHealth: { State: 'healthy' } }]);
    expect(tg.Attributes).toEqual([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]);
    expect(tg.Tags).toEqual([]);

    const clb = one(snapshot, 'AWS::ElasticLoadBalancing::LoadBalancer');
    expect(clb.InstanceStates).toEqual([{ InstanceId: 'i-0b', State: 'InService', ReasonCode: 'N/A' }]);
    expect(clb.Attributes).toEqual({ CrossZoneLoadBalancing: { Enabled: false }, ConnectionDraining: { Enabled: true, Timeout: 60 } });
    expect(clb.Tags).toEqual([{ Key: 'team', Value: 'billing' }]);

    const asg = one(snapshot, 'AWS::AutoScaling::AutoScalingGroup');
    expect(asg.CreatedTime).toBe('2026-01-01T00:00:00.822Z');
    expect(one(snapshot, 'AWS::AutoScaling::LifecycleHook')).toMatchObject({ AutoScalingGroupName: ASG_NAME, LifecycleHookName: 'drain' });
    const pool = one(snapshot, 'AWS::AutoScaling::WarmPool');
    expect(pool).toEqual({ accountId: ACCOUNT, region: REGION, AutoScalingGroupName: ASG_NAME, Instances: [], WarmPoolConfiguration: { MinSize: 1, PoolState: 'Stopped' } });
    expect(only(snapshot, 'AWS::AutoScaling::ScheduledAction')).toEqual([]);
  });

  it('keeps the launch template versions groups use ($Default, $Latest) and the instance types in use', () => {
    const { snapshot } = importAwsCli(files(estate()), OPTIONS);
    const template = one(snapshot, 'AWS::EC2::LaunchTemplate');
    const versions = template.Versions as { VersionNumber: number; LaunchTemplateData: Record<string, unknown> }[];
    expect(versions.map((v) => v.VersionNumber)).toEqual([2, 3]);
    expect(versions.every((v) => !('UserData' in v.LaunchTemplateData))).toBe(true);
    // In use: instances (any state), the launch configuration, the mixed policy override, the used versions; not t3.nano of version 1.
    expect(snapshot.instanceTypes.map((t) => t.InstanceType)).toEqual(['c5.xlarge', 'm4.large', 'm5.large', 'r5.large', 't3.medium', 't3.small']);
    expect(snapshot.instanceTypes.every((t) => t.region === REGION)).toBe(true);
    expect(snapshot.availabilityZones.map((z) => [z.accountId, z.region, z.ZoneName, z.ZoneId])).toEqual([
      [ACCOUNT, REGION, 'eu-west-1a', 'euw1-az1'],
      [ACCOUNT, REGION, 'eu-west-1b', 'euw1-az2'],
    ]);
  });

  it('stores no user data by default, and only decoded and redacted with includeUserData', () => {
    const withInstanceUserData = files(estate(), { set: { 'ec2-describe-instance-attribute/i-0a.json': { InstanceId: 'i-0a', UserData: { Value: USER_DATA } } } });
    const plain = serializeSnapshot(importAwsCli(withInstanceUserData, OPTIONS).snapshot);
    expect(plain).not.toContain(USER_DATA);
    expect(plain).not.toContain(CANARY_KEY);
    expect(plain).not.toContain('"UserData"');

    const { snapshot } = importAwsCli(withInstanceUserData, { ...OPTIONS, includeUserData: true });
    const text = serializeSnapshot(snapshot);
    expect(text).not.toContain(CANARY_KEY);
    expect(text).not.toContain('hunter2-canary');
    expect(snapshot.source.includesUserData).toBe(true);
    const lc = one(snapshot, 'AWS::AutoScaling::LaunchConfiguration');
    expect(lc.UserData).toContain('export DB_PASSWORD=[REDACTED]');
    expect(lc.UserData).toContain('echo started');
    expect(only(snapshot, 'AWS::EC2::Instance').find((i) => i.InstanceId === 'i-0a')!.UserData).toContain('AWS_ACCESS_KEY_ID=[REDACTED]');
    // Instance i-0b has no user data capture: a gap that leaves no resource type missing, as in a scan.
    expect(coverage(snapshot, 'ec2')).toMatchObject({ status: 'error', errorCode: 'NotCaptured', missing: [] });
    expect(coverage(snapshot, 'ec2').error).toContain('i-0b');
  });

  it('reads DIR/<account>/<region>/ for several accounts and regions, with one coverage record per service each', () => {
    const other = '444455556666';
    const input = new Map([
      ...files(estate(), { under: `${ACCOUNT}/${REGION}` }),
      ...files({ 'ec2-describe-instances.json': { Reservations: [{ ReservationId: 'r-9', OwnerId: other, Instances: [instance('i-9', 't3.small', 'us-east-1a')] }] } }, { under: `${other}/us-east-1` }),
    ]);
    const { snapshot } = importAwsCli(input, OPTIONS);
    expect(snapshot.source.accounts).toEqual([ACCOUNT, other]);
    expect(snapshot.source.regions).toEqual([REGION, 'us-east-1']);
    expect(snapshot.coverage).toHaveLength(8);
    expect(only(snapshot, 'AWS::EC2::Instance').map((i) => `${i.accountId}/${i.region}/${i.InstanceId}`)).toEqual([
      `${ACCOUNT}/${REGION}/i-0a`,
      `${ACCOUNT}/${REGION}/i-0b`,
      `${ACCOUNT}/${REGION}/i-0c`,
      `${other}/us-east-1/i-9`,
    ]);
    // The second account captured EC2 instances only: every other listing is a gap; whole services are gaps without `missing`.
    const ec2 = snapshot.coverage.find((c) => c.accountId === other && c.service === 'ec2')!;
    expect(ec2).toMatchObject({ status: 'error', errorCode: 'NotCaptured' });
    expect(ec2.missing).toEqual(['AWS::EC2::Volume', 'AWS::EC2::SecurityGroup', 'AWS::EC2::Subnet', 'AWS::EC2::VPC', 'AWS::EC2::EIP', 'AWS::EC2::LaunchTemplate']);
    expect(ec2.error).toContain(`aws ec2 describe-addresses: not captured (captures/${other}/us-east-1/ec2-describe-addresses.json)`);
    const elbv2 = snapshot.coverage.find((c) => c.accountId === other && c.service === 'elbv2')!;
    expect(elbv2).toMatchObject({ status: 'error', errorCode: 'NotCaptured' });
    expect(elbv2).not.toHaveProperty('missing');
    expect(snapshot.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']!.every((lb) => lb.accountId === ACCOUNT)).toBe(true);
  });

  it('takes the account and region from the folder the user named', () => {
    const input = files({ 'ec2-describe-vpcs.json': { Vpcs: [{ VpcId: 'vpc-1' }] } });
    const { snapshot } = importAwsCli(input, { ...OPTIONS, root: `/data/${ACCOUNT}/ap-southeast-2` });
    expect(one(snapshot, 'AWS::EC2::VPC')).toMatchObject({ accountId: ACCOUNT, region: 'ap-southeast-2' });
  });

  it('uses --account-id and --region when nothing else says them, and refuses captures that cannot be placed', () => {
    const input = files({ 'ec2-describe-vpcs.json': { Vpcs: [{ VpcId: 'vpc-1' }] } });
    expect(one(importAwsCli(input, { ...OPTIONS, accountId: ACCOUNT, region: REGION }).snapshot, 'AWS::EC2::VPC')).toMatchObject({ accountId: ACCOUNT, region: REGION });
    const error = importError(input, { region: REGION });
    expect(error.message).toBe('captures: cannot tell which account these captures are from');
    expect(error.hint).toContain('--account-id');
  });

  it('refuses captures whose data contradicts the folder, the flags, or itself', () => {
    const misplaced = importError(files(estate(), { under: `999999999999/${REGION}` }));
    expect(misplaced.message).toBe(
      `captures/999999999999/${REGION}/ec2-describe-instances.json: $.Reservations[0].OwnerId says account ${ACCOUNT}, but the folder captures/999999999999/${REGION} says 999999999999`,
    );
    expect(misplaced.location).toEqual({ file: `captures/999999999999/${REGION}/ec2-describe-instances.json`, path: '$.Reservations[0].OwnerId' });
    expect(importError(files(estate()), { region: 'us-west-2' }).message).toMatch(/says region eu-west-1, but --region us-west-2 says us-west-2/);
    const mixed = estate();
    (mixed['ec2-describe-instances.json'] as { Reservations: { OwnerId: string }[] }).Reservations[1]!.OwnerId = '444455556666';
    expect(importError(files(mixed)).message).toMatch(/the captures hold more than one account \(111122223333 at .*, 444455556666 at .*\$\.Reservations\[1\]\.OwnerId\)/);
  });

  it('records a missing per-resource capture as a gap naming the resource, and keeps the resource', () => {
    const { snapshot } = importAwsCli(files(estate(), { drop: ['elbv2-describe-target-health/web-tg.json'] }), OPTIONS);
    const tg = one(snapshot, 'AWS::ElasticLoadBalancingV2::TargetGroup');
    expect(tg).not.toHaveProperty('TargetHealthDescriptions');
    expect(tg.Attributes).toBeDefined();
    const gap = coverage(snapshot, 'elbv2');
    expect(gap).toMatchObject({ status: 'error', errorCode: 'NotCaptured', missing: ['AWS::ElasticLoadBalancingV2::TargetGroup'] });
    expect(gap.error).toBe('aws elbv2 describe-target-health --target-group-arn: not captured for 1 target group(s): web-tg (captures/elbv2-describe-target-health/<key>.json)');
    expect(coverage(snapshot, 'ec2').status).toBe('ok');
  });

  it('records what the AWS CLI said when a call failed, with its error code', () => {
    const input = files(estate(), { drop: ['elb-describe-load-balancers.json'] });
    input.set('elb-describe-load-balancers.error.txt', '\nAn error occurred (AccessDenied) when calling the DescribeLoadBalancers operation: User: arn:aws:sts::111122223333:assumed-role/audit/x is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers Encoded authorization failure message: abc123\n');
    const { snapshot } = importAwsCli(input, OPTIONS);
    const gap = coverage(snapshot, 'elb');
    expect(gap).toEqual({
      accountId: ACCOUNT,
      region: REGION,
      service: 'elb',
      status: 'error',
      errorCode: 'AccessDenied',
      error: 'aws elb describe-load-balancers: AccessDenied: User: arn:aws:sts::111122223333:assumed-role/audit/x is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers (captures/elb-describe-load-balancers.error.txt)',
    });
    expect(snapshot.resources).not.toHaveProperty(['AWS::ElasticLoadBalancing::LoadBalancer']);
  });

  it('drops a resource the per-resource call said was deleted meanwhile, as a scan does', () => {
    const input = files(estate(), { drop: ['elbv2-describe-target-health/web-tg.json'] });
    input.set('elbv2-describe-target-health/web-tg.error.txt', 'An error occurred (TargetGroupNotFound) when calling the DescribeTargetHealth operation: One or more target groups not found\n');
    const { snapshot } = importAwsCli(input, OPTIONS);
    expect(only(snapshot, 'AWS::ElasticLoadBalancingV2::TargetGroup')).toEqual([]);
    expect(coverage(snapshot, 'elbv2').status).toBe('ok');
  });

  it('applies a failure of a whole per-resource loop to every resource without a file, and ignores a stale error beside a listing', () => {
    const input = files(estate(), { drop: ['elb-describe-instance-health/legacy.json'] });
    input.set('elb-describe-instance-health.error.txt', 'An error occurred (Throttling) when calling the DescribeInstanceHealth operation: Rate exceeded');
    input.set('ec2-describe-vpcs.error.txt', 'An error occurred (RequestLimitExceeded) when calling the DescribeVpcs operation: slow down');
    const { snapshot, warnings } = importAwsCli(input, OPTIONS);
    // Classic ELB has one resource type, so an incomplete one is the whole service, as a scan records it.
    expect(coverage(snapshot, 'elb')).toMatchObject({ status: 'error', errorCode: 'Throttling' });
    expect(coverage(snapshot, 'elb').error).toContain('(captures/elb-describe-instance-health.error.txt)');
    expect(one(snapshot, 'AWS::ElasticLoadBalancing::LoadBalancer')).not.toHaveProperty('InstanceStates');
    expect(coverage(snapshot, 'ec2').status).toBe('ok');
    expect(warnings).toEqual(['ignored captures/ec2-describe-vpcs.error.txt: captures/ec2-describe-vpcs.json holds the output of the same command']);
  });

  it('says a listing captured with --max-items is incomplete', () => {
    const cut = estate();
    (cut['ec2-describe-volumes.json'] as Record<string, unknown>).NextToken = 'eyJOZXh0VG9rZW4iOiBudWxsfQ==';
    const gap = coverage(importAwsCli(files(cut), OPTIONS).snapshot, 'ec2');
    expect(gap).toMatchObject({ status: 'error', errorCode: 'Truncated', missing: ['AWS::EC2::Volume'] });
  });

  it('merges a listing saved as pages, keeping a resource seen twice once', () => {
    const input = files(estate(), { drop: ['ec2-describe-vpcs.json'] });
    input.set('ec2-describe-vpcs/1.json', { Vpcs: [{ VpcId: 'vpc-1' }, { VpcId: 'vpc-2' }], NextToken: 'x' });
    input.set('ec2-describe-vpcs/2.json', { Vpcs: [{ VpcId: 'vpc-2' }, { VpcId: 'vpc-3' }] });
    const { snapshot } = importAwsCli(input, OPTIONS);
    expect(only(snapshot, 'AWS::EC2::VPC').map((v) => v.VpcId)).toEqual(['vpc-1', 'vpc-2', 'vpc-3']);
    expect(coverage(snapshot, 'ec2').status).toBe('ok');
  });

  it('warns about files it does not read, without failing', () => {
    const input = files(estate());
    input.set('ec2-describe-instance.json', { Reservations: [] });
    input.set('elbv2-describe-target-health/gone-tg.json', { TargetHealthDescriptions: [] });
    input.set('elbv2-describe-target-health.json', { TargetHealthDescriptions: [] });
    const { warnings } = importAwsCli(input, OPTIONS);
    expect(warnings).toEqual([
      'ignored captures/ec2-describe-instance.json: not a capture kubelift reads (see docs/import.md for the file names)',
      'ignored captures/elbv2-describe-target-health.json: aws elbv2 describe-target-health --target-group-arn is captured once per resource, as captures/elbv2-describe-target-health/<key>.json',
      'ignored captures/elbv2-describe-target-health/gone-tg.json: no target group \'gone-tg\' in this capture\'s listing',
    ]);
  });

  it('names the file and JSON path of a malformed capture', () => {
    const wrongShape = importError(files(estate(), { set: { 'ec2-describe-volumes.json': { Volumes: { VolumeId: 'vol-1' } } } }));
    expect(wrongShape.message).toBe('captures/ec2-describe-volumes.json: $.Volumes must be a list (as `aws ec2 describe-volumes --output json` prints it)');
    expect(wrongShape.location).toEqual({ file: 'captures/ec2-describe-volumes.json', path: '$.Volumes' });

    const noId = estate();
    delete (noId['ec2-describe-instances.json'] as { Reservations: { Instances: Record<string, unknown>[] }[] }).Reservations[0]!.Instances[1]!.InstanceId;
    expect(importError(files(noId)).location).toEqual({ file: 'captures/ec2-describe-instances.json', path: '$.Reservations[0].Instances[1].InstanceId' });

    expect(importError(files(estate(), { set: { 'elbv2-describe-target-groups.json': { LoadBalancers: [] } } })).message).toBe(
      'captures/elbv2-describe-target-groups.json: $.TargetGroups is missing (as `aws elbv2 describe-target-groups --output json` prints it)',
    );
    expect(importError(files(estate(), { set: { 'ec2-describe-vpcs.json': ['vpc-1'] } })).location).toEqual({ file: 'captures/ec2-describe-vpcs.json', path: '$' });
    const badVersion = estate();
    (badVersion['ec2-describe-launch-template-versions/lt-1.json'] as { LaunchTemplateVersions: Record<string, unknown>[] }).LaunchTemplateVersions[0]!.VersionNumber = '1';
    expect(importError(files(badVersion)).location).toEqual({ file: 'captures/ec2-describe-launch-template-versions/lt-1.json', path: '$.LaunchTemplateVersions[0].VersionNumber' });
  });

  it('says so when the folder holds no captures at all', () => {
    const error = importError(new Map([['notes/readme.json', {}]]));
    expect(error.message).toBe('captures: no AWS CLI captures found');
  });

  it('is deterministic: the same files in any order give byte-identical snapshots', () => {
    const forward = files(estate());
    const backward = new Map([...forward.entries()].reverse());
    const shuffled = (map: Map<string, unknown>) => {
      const instances = map.get('ec2-describe-instances.json') as { Reservations: unknown[] };
      instances.Reservations.reverse();
      return map;
    };
    expect(serializeSnapshot(importAwsCli(shuffled(backward), OPTIONS).snapshot)).toBe(serializeSnapshot(importAwsCli(forward, OPTIONS).snapshot));
  });

  it('lists a unique file name, a service and a field for every capture', () => {
    const names = CAPTURE_COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const command of CAPTURE_COMMANDS) {
      expect(command.name.startsWith(`${command.service}-`)).toBe(true);
      expect(command.command).toMatch(/^aws (ec2|elbv2|elb|autoscaling) (describe-[a-z-]+)/);
      expect(command.command.split(' ').slice(1, 3).join('-')).toBe(command.name);
    }
  });
});

describe('importAwsCli: the AMI behind each instance', () => {
  const instances = (snapshot: Snapshot) => new Map(only(snapshot, 'AWS::EC2::Instance').map((i) => [i.InstanceId, i]));

  it('puts the fields a scan keeps on each instance as Image, and none where the capture does not describe the AMI', () => {
    const { snapshot, warnings } = importAwsCli(files(estate()), OPTIONS);
    expect(warnings).toEqual([]);
    const byId = instances(snapshot);
    expect(byId.get('i-0a')!.Image).toEqual({
      ImageId: 'ami-0aaaa1111bbbb2222',
      Name: 'redash-10.1.0-ubuntu-22.04-20240115',
      Description: 'Redash 10.1.0 all-in-one',
      OwnerId: '679593333241',
      ImageOwnerAlias: 'aws-marketplace',
      PlatformDetails: 'Linux/UNIX',
      CreationDate: '2024-01-15T08:30:00.000Z',
    });
    // The same fields as the scan's collector keeps.
    expect(Object.keys(byId.get('i-0a')!.Image as object).sort()).toEqual([...IMAGE_FIELDS].sort());
    // Only the fields the capture holds (the CLI's null is no value).
    expect(byId.get('i-0b')!.Image).toEqual({ ImageId: 'ami-0cccc3333dddd4444', Name: 'postgresql-15-al2023', OwnerId: ACCOUNT, PlatformDetails: 'Linux/UNIX', CreationDate: '2024-02-01T10:00:00.000Z' });
    expect(byId.get('i-0c')).not.toHaveProperty('Image');
    expect(coverage(snapshot, 'ec2').status).toBe('ok');
  });

  it('reads the AMIs from one file or several, flat or in a folder', () => {
    const input = files(estate(), { drop: ['ec2-describe-images/1-ami-0aaaa1111bbbb2222.json', 'ec2-describe-images/1-ami-0cccc3333dddd4444.json'] });
    input.set('ec2-describe-images.json', { Images: [IMAGE_REDASH, { ...IMAGE_REDASH, ImageId: 'ami-0cccc3333dddd4444', Name: 'db' }] });
    const byId = instances(importAwsCli(input, OPTIONS).snapshot);
    expect((byId.get('i-0a')!.Image as { Name: string }).Name).toBe('redash-10.1.0-ubuntu-22.04-20240115');
    expect((byId.get('i-0b')!.Image as { Name: string }).Name).toBe('db');
  });

  it('without the capture: warns, leaves instances without Image, and records no gap', () => {
    const { snapshot, warnings } = importAwsCli(files(estate(), { drop: ['ec2-describe-images/1-ami-0aaaa1111bbbb2222.json', 'ec2-describe-images/1-ami-0cccc3333dddd4444.json'] }), OPTIONS);
    for (const instance of only(snapshot, 'AWS::EC2::Instance')) expect(instance).not.toHaveProperty('Image');
    expect(snapshot.coverage.every((c) => c.status === 'ok')).toBe(true);
    expect(warnings).toEqual(["captures: the instances' AMIs were not captured (ec2-describe-images), so applications are not recognized by their AMI name; see docs/import.md"]);
  });

  it('asks for nothing when no instance names an AMI', () => {
    const bare = estate();
    for (const reservation of (bare['ec2-describe-instances.json'] as { Reservations: { Instances: Record<string, unknown>[] }[] }).Reservations) {
      for (const i of reservation.Instances) delete i.ImageId;
    }
    const { snapshot, warnings } = importAwsCli(files(bare, { drop: ['ec2-describe-images/1-ami-0aaaa1111bbbb2222.json', 'ec2-describe-images/1-ami-0cccc3333dddd4444.json'] }), OPTIONS);
    expect(warnings).toEqual([]);
    expect(coverage(snapshot, 'ec2').status).toBe('ok');
  });

  it('records a failed describe-images as a gap that leaves no resource type missing, as a scan does', () => {
    const input = files(estate(), { drop: ['ec2-describe-images/1-ami-0cccc3333dddd4444.json'] });
    input.set('ec2-describe-images/2.error.txt', '\nAn error occurred (UnauthorizedOperation) when calling the DescribeImages operation: You are not authorized to perform this operation.\n');
    const { snapshot } = importAwsCli(input, OPTIONS);
    expect(coverage(snapshot, 'ec2')).toEqual({
      accountId: ACCOUNT,
      region: REGION,
      service: 'ec2',
      status: 'error',
      errorCode: 'UnauthorizedOperation',
      error: 'aws ec2 describe-images --image-ids: UnauthorizedOperation: You are not authorized to perform this operation. (captures/ec2-describe-images/2.error.txt)',
      missing: [],
    });
    const byId = instances(snapshot);
    expect(byId.get('i-0a')!.Image).toBeDefined();
    expect(byId.get('i-0b')).not.toHaveProperty('Image');
  });

  it('warns, without a gap, about a call AWS refused for an AMI it does not know', () => {
    const input = files(estate(), { drop: ['ec2-describe-images/1-ami-0cccc3333dddd4444.json'] });
    input.set('ec2-describe-images/2.error.txt', "An error occurred (InvalidAMIID.NotFound) when calling the DescribeImages operation: The image id '[ami-0deregistered00]' does not exist\n");
    const { snapshot, warnings } = importAwsCli(input, OPTIONS);
    expect(coverage(snapshot, 'ec2').status).toBe('ok');
    expect(warnings).toEqual([
      "captures/ec2-describe-images/2.error.txt: AWS did not know an AMI asked for in that call (InvalidAMIID.NotFound: The image id '[ami-0deregistered00]' does not exist), so it described none of them; ask for the others again without it (scripts/capture-aws-cli.sh does)",
    ]);
  });

  it('names the file and JSON path of a malformed image capture', () => {
    const notList = importError(files(estate(), { set: { 'ec2-describe-images/1-ami-0aaaa1111bbbb2222.json': { Images: { ImageId: 'ami-1' } } } }));
    expect(notList.message).toBe('captures/ec2-describe-images/1-ami-0aaaa1111bbbb2222.json: $.Images must be a list (as `aws ec2 describe-images --image-ids --output json` prints it)');
    const noId = importError(files(estate(), { set: { 'ec2-describe-images/1-ami-0aaaa1111bbbb2222.json': { Images: [{ Name: 'x' }] } } }));
    expect(noId.location).toMatchObject({ file: 'captures/ec2-describe-images/1-ami-0aaaa1111bbbb2222.json', path: '$.Images[0].ImageId' });
    const missing = importError(files(estate(), { set: { 'ec2-describe-images/1-ami-0aaaa1111bbbb2222.json': { Reservations: [] } } }));
    expect(missing.message).toContain('$.Images is missing');
  });
});
