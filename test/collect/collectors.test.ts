/**
 * Every collector against a small estate in moto, over HTTP, checking the
 * fields later steps (rules, mapping) read.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { lowerBoundCalls } from '../../src/collect/lower-bound.js';
import type { AwsResource, Snapshot } from '../../src/snapshot/types.js';
import { uniqueAccountId } from '../../test-support/moto.js';
import { seedClients, seedSmallEstate, type SmallEstate } from '../../test-support/seed/index.js';
import { byField, scanAccounts } from './helpers.js';

const endpoint = inject('motoEndpoint');
const accountId = uniqueAccountId();
let estate: SmallEstate;
let snapshot: Snapshot;
let calls: Record<string, number>;

beforeAll(async () => {
  estate = await seedSmallEstate(seedClients({ endpoint, accountId }));
  ({ snapshot, calls } = await scanAccounts(endpoint, [accountId]));
});

const tagValue = (r: AwsResource, key: string) => (r.Tags as { Key: string; Value: string }[] | undefined)?.find((t) => t.Key === key)?.Value;

describe('scan of a small estate', () => {
  it('records the account, the region and full coverage', () => {
    expect(snapshot.source).toEqual({ kind: 'scan', accounts: [accountId], regions: ['us-east-1'], includesUserData: false });
    expect(snapshot.coverage).toEqual(['autoscaling', 'ec2', 'elb', 'elbv2'].map((service) => ({ accountId, region: 'us-east-1', service, status: 'ok' })));
    for (const list of Object.values(snapshot.resources)) for (const r of list ?? []) expect([r.accountId, r.region]).toEqual([accountId, 'us-east-1']);
  });

  it('collects EC2 instances in every state, flattened, with their reservation fields', () => {
    const instances = byField(snapshot, 'AWS::EC2::Instance', 'InstanceId');
    // 2 web (ASG), 1 legacy (ASG), the database and the app.
    expect(instances.size).toBe(5);
    const db = instances.get(estate.databaseInstanceId)!;
    expect(db.InstanceType).toBe('t3.large');
    expect(db.State).toMatchObject({ Name: 'running' });
    expect(db.ReservationId).toMatch(/^r-/);
    expect(db.OwnerId).toBe(accountId);
    expect((db.Placement as { AvailabilityZone: string }).AvailabilityZone).toBe(estate.vpc.subnets[0]!.zone);
    expect(tagValue(db, 'Name')).toBe('postgres');
    const webInstances = [...instances.values()].filter((i) => tagValue(i, 'aws:autoscaling:groupName') === 'web');
    expect(webInstances).toHaveLength(2);
  });

  it('collects volumes with their attachments', () => {
    const volume = byField(snapshot, 'AWS::EC2::Volume', 'VolumeId').get(estate.dataVolumeId)!;
    expect(volume.Size).toBe(200);
    expect(volume.Attachments).toEqual([expect.objectContaining({ InstanceId: estate.databaseInstanceId, Device: '/dev/sdf' })]);
  });

  it('collects subnets with zone ids, VPCs and security groups', () => {
    const subnets = byField(snapshot, 'AWS::EC2::Subnet', 'SubnetId');
    for (const { subnetId, zone } of estate.vpc.subnets) {
      expect(subnets.get(subnetId)).toMatchObject({ AvailabilityZone: zone, VpcId: estate.vpc.vpcId, AvailabilityZoneId: expect.stringMatching(/^use1-az\d$/) });
    }
    expect(byField(snapshot, 'AWS::EC2::VPC', 'VpcId').get(estate.vpc.vpcId)).toMatchObject({ CidrBlock: '10.0.0.0/16' });
    expect(byField(snapshot, 'AWS::EC2::SecurityGroup', 'GroupId').get(estate.vpc.securityGroupId)).toMatchObject({ VpcId: estate.vpc.vpcId });
  });

  it('collects Elastic IPs with their association', () => {
    const eip = byField(snapshot, 'AWS::EC2::EIP', 'AllocationId').get(estate.elasticIp.allocationId)!;
    expect(eip).toMatchObject({ PublicIp: estate.elasticIp.publicIp, InstanceId: estate.appInstanceId, AssociationId: expect.stringMatching(/^eipassoc-/) });
  });

  it('collects launch templates with the versions Auto Scaling groups use', () => {
    const template = byField(snapshot, 'AWS::EC2::LaunchTemplate', 'LaunchTemplateId').get(estate.launchTemplateId)!;
    expect(template.LatestVersionNumber).toBe(2);
    const versions = template.Versions as { VersionNumber: number; LaunchTemplateData: { InstanceType?: string } }[];
    // The web group uses $Latest (version 2); moto tags its instances as launched from version 1, which the group's instances report.
    expect(versions.map((v) => v.VersionNumber)).toContain(2);
    expect(versions.find((v) => v.VersionNumber === 2)!.LaunchTemplateData.InstanceType).toBe('t3.medium');
  });

  it('collects instance types in use and the availability zones with ids', () => {
    const types = snapshot.instanceTypes.map((t) => t.InstanceType);
    expect(types).toEqual(expect.arrayContaining(['t3.large', 't3.medium', 't3.micro']));
    const large = snapshot.instanceTypes.find((t) => t.InstanceType === 't3.large')!;
    expect(large).toMatchObject({ region: 'us-east-1', VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 8192 } });
    const zone = snapshot.availabilityZones.find((z) => z.ZoneName === 'us-east-1a')!;
    expect(zone).toMatchObject({ accountId, region: 'us-east-1', ZoneId: expect.stringMatching(/^use1-az\d$/) });
  });

  it('collects Auto Scaling groups with the fields HA rules read', () => {
    const groups = byField(snapshot, 'AWS::AutoScaling::AutoScalingGroup', 'AutoScalingGroupName');
    const web = groups.get('web')!;
    expect(web).toMatchObject({ HealthCheckType: 'ELB', HealthCheckGracePeriod: 120, MinSize: 2, DesiredCapacity: 2, TargetGroupARNs: [estate.webTargetGroupArn] });
    expect(web.AvailabilityZones).toEqual(expect.arrayContaining(estate.vpc.subnets.map((s) => s.zone)));
    expect(web.Instances).toHaveLength(2);
    expect(web.WarmPoolConfiguration).toMatchObject({ MinSize: 1 });
    const legacy = groups.get('legacy')!;
    expect(legacy).toMatchObject({ LaunchConfigurationName: 'legacy', LoadBalancerNames: ['legacy'] });
  });

  it('collects launch configurations, policies, hooks, scheduled actions and warm pools', () => {
    expect(byField(snapshot, 'AWS::AutoScaling::LaunchConfiguration', 'LaunchConfigurationName').get('legacy')).toMatchObject({ InstanceType: 't3.micro' });
    expect(snapshot.resources['AWS::AutoScaling::ScalingPolicy']).toEqual([
      expect.objectContaining({ AutoScalingGroupName: 'web', PolicyName: 'cpu50', PolicyType: 'TargetTrackingScaling' }),
    ]);
    expect(snapshot.resources['AWS::AutoScaling::LifecycleHook']).toEqual([
      expect.objectContaining({ AutoScalingGroupName: 'web', LifecycleHookName: 'drain', LifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING' }),
    ]);
    expect(snapshot.resources['AWS::AutoScaling::ScheduledAction']).toEqual([expect.objectContaining({ AutoScalingGroupName: 'web', ScheduledActionName: 'morning' })]);
    expect(snapshot.resources['AWS::AutoScaling::WarmPool']).toEqual([
      expect.objectContaining({ AutoScalingGroupName: 'web', WarmPoolConfiguration: expect.objectContaining({ MinSize: 1 }), Instances: [] }),
    ]);
  });

  it('collects ALBs with zones, attributes and tags; listeners; rules with their listener', () => {
    const lb = byField(snapshot, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'LoadBalancerArn').get(estate.loadBalancerArn)!;
    expect(lb.Type).toBe('application');
    expect((lb.AvailabilityZones as { ZoneName: string }[]).map((z) => z.ZoneName).sort()).toEqual(estate.vpc.subnets.map((s) => s.zone).sort());
    expect(lb.Attributes).toEqual(expect.arrayContaining([{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }]));
    expect(lb.Tags).toEqual([{ Key: 'app', Value: 'web' }]);
    const listener = byField(snapshot, 'AWS::ElasticLoadBalancingV2::Listener', 'ListenerArn').get(estate.listenerArn)!;
    expect(listener).toMatchObject({ Port: 80, LoadBalancerArn: estate.loadBalancerArn });
    const rules = snapshot.resources['AWS::ElasticLoadBalancingV2::ListenerRule']!;
    expect(rules).toHaveLength(2);
    for (const rule of rules) expect(rule.ListenerArn).toBe(estate.listenerArn);
    expect(rules.map((r) => r.Priority).sort()).toEqual(['10', 'default']);
  });

  it('collects target groups with health check settings, matcher, attributes, tags and target health', () => {
    const groups = byField(snapshot, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'TargetGroupArn');
    const web = groups.get(estate.webTargetGroupArn)!;
    expect(web).toMatchObject({ HealthCheckPath: '/healthz', Matcher: { HttpCode: '200-399' }, HealthyThresholdCount: 3, LoadBalancerArns: [estate.loadBalancerArn] });
    expect(web.Attributes).toEqual(expect.arrayContaining([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]));
    expect(web.Tags).toEqual([{ Key: 'app', Value: 'web' }]);
    const health = web.TargetHealthDescriptions as { Target: { Id: string }; TargetHealth: { State: string } }[];
    expect(health).toHaveLength(2);
    for (const h of health) expect(h.TargetHealth.State).toBe('healthy');
    const api = groups.get(estate.apiTargetGroupArn)!;
    expect((api.TargetHealthDescriptions as { Target: { Id: string } }[]).map((h) => h.Target.Id)).toEqual([estate.appInstanceId]);
  });

  it('collects classic load balancers with health check, instance health, attributes and tags', () => {
    const clb = byField(snapshot, 'AWS::ElasticLoadBalancing::LoadBalancer', 'LoadBalancerName').get('legacy')!;
    expect(clb.HealthCheck).toMatchObject({ Target: 'HTTP:8080/ping', HealthyThreshold: 3 });
    expect(clb.InstanceStates).toEqual([expect.objectContaining({ State: 'InService' })]);
    expect(clb.Attributes).toMatchObject({ CrossZoneLoadBalancing: { Enabled: false } });
    expect(clb.Tags).toEqual([]);
  });

  it('makes exactly the lower bound of calls: one per page at the largest page size, one per resource for details', () => {
    expect(calls).toEqual(lowerBoundCalls(snapshot, { pagesAs: 'moto', roles: 1 }));
    expect(calls).toMatchObject({ 'ec2:DescribeInstances': 1, 'elbv2:DescribeTargetHealth': 2, 'elbv2:DescribeTags': 1, 'autoscaling:DescribeLifecycleHooks': 2, 'autoscaling:DescribeWarmPool': 1 });
    expect(calls['ec2:DescribeInstanceAttribute']).toBeUndefined();
  });
});
