/**
 * The demo estate: a small, realistic EC2 estate that kubelift's `--demo`
 * snapshot is scanned from (fixtures/demo/README.md describes it). It is
 * seeded through the AWS SDK into an AWS-compatible endpoint (moto in tests
 * and in scripts/build-demo.ts), one call at a time so that a seeded random
 * generator gives the same ids on every run.
 */
import {
  AttachInstancesCommand,
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  CreateLaunchConfigurationCommand,
  PutScalingPolicyCommand,
  PutScheduledUpdateGroupActionCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  ModifyLaunchTemplateCommand,
  RegisterImageCommand,
  RunInstancesCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand as CreateClassicLoadBalancerCommand,
  ElasticLoadBalancingClient,
  ModifyLoadBalancerAttributesCommand as ModifyClassicAttributesCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

/** The region the demo estate lives in. */
export const DEMO_REGION = 'us-east-1';

/** Static credentials, as moto accepts any and AssumeRole returns them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where to seed: an endpoint, a region and the credentials that pick the account. */
export interface SeedTarget {
  endpoint: string;
  region?: string;
  credentials?: Credentials;
}

/** What the seeding created, for tests that want to look things up. */
export interface DemoEstate {
  region: string;
  vpcId: string;
  subnets: { public: string[]; private: string[] };
  zones: string[];
  instances: {
    redash: string;
    postgres: string;
    jenkins: string;
    billing: string[];
    storefront: string[];
  };
  loadBalancers: { storefront: string; internal: string; grpc: string; billing: string };
  targetGroups: { storefront: string; ordersApi: string; jenkins: string; ordersGrpc: string };
  autoScalingGroups: { storefront: string; ordersApi: string };
  elasticIp: string;
}

const DUMMY: Credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/**
 * Credentials for a fresh account on a moto endpoint: moto hands out keys for
 * any role ARN, and everything created with them lives in that role's account.
 */
export async function assumeAccount(endpoint: string, accountId: string, region = DEMO_REGION): Promise<Credentials> {
  const sts = new STSClient({ endpoint, region, credentials: DUMMY });
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/kubelift-demo`, RoleSessionName: 'seed' }));
  sts.destroy();
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

const tags = (entries: Record<string, string>): { Key: string; Value: string }[] => Object.entries(entries).map(([Key, Value]) => ({ Key, Value }));

const tcp = (port: number, from: { cidr?: string; group?: string }, description: string): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: port,
  ToPort: port,
  ...(from.cidr ? { IpRanges: [{ CidrIp: from.cidr, Description: description }] } : {}),
  ...(from.group ? { UserIdGroupPairs: [{ GroupId: from.group, Description: description }] } : {}),
});

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`seeding the demo estate: no ${what} in the response`);
  return value;
}

/** Seeds the demo estate; every call is awaited in turn so that ids depend only on the random seed. */
export async function seedDemoEstate(target: SeedTarget): Promise<DemoEstate> {
  const region = target.region ?? DEMO_REGION;
  const config = { endpoint: target.endpoint, region, credentials: target.credentials ?? DUMMY };
  const ec2 = new EC2Client(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const elb = new ElasticLoadBalancingClient(config);
  const autoscaling = new AutoScalingClient(config);
  try {
    const zones = ['a', 'b', 'c'].map((z) => `${region}${z}`);
    const env = { Environment: 'production' };

    // Network: one VPC, a public and a private subnet in each of three zones.
    const vpcId = must((await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: tags({ Name: 'prod', ...env }) }] }))).Vpc?.VpcId, 'VpcId');
    const subnet = async (cidr: string, zone: string, name: string, tier: string): Promise<string> =>
      must(
        (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone, TagSpecifications: [{ ResourceType: 'subnet', Tags: tags({ Name: name, Tier: tier, ...env }) }] })))
          .Subnet?.SubnetId,
        'SubnetId',
      );
    const publicSubnets: string[] = [];
    const privateSubnets: string[] = [];
    for (const [i, zone] of zones.entries()) publicSubnets.push(await subnet(`10.20.${i}.0/24`, zone, `prod-public-${zone}`, 'public'));
    for (const [i, zone] of zones.entries()) privateSubnets.push(await subnet(`10.20.${10 + i}.0/24`, zone, `prod-private-${zone}`, 'private'));
    const [publicA, publicB, publicC] = publicSubnets as [string, string, string];
    const [privateA, privateB, privateC] = privateSubnets as [string, string, string];

    // Security groups, each opening what its service listens on.
    const group = async (name: string, description: string, rules: (ids: Record<string, string>) => IpPermission[], ids: Record<string, string>): Promise<string> => {
      const id = must((await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: description, VpcId: vpcId, TagSpecifications: [{ ResourceType: 'security-group', Tags: tags({ Name: name, ...env }) }] }))).GroupId, 'GroupId');
      ids[name] = id;
      const permissions = rules(ids);
      if (permissions.length) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: permissions }));
      return id;
    };
    const sg: Record<string, string> = {};
    const world = { cidr: '0.0.0.0/0' };
    const vpc = { cidr: '10.20.0.0/16' };
    await group('redash', 'Redash all-in-one server', () => [tcp(80, world, 'HTTP'), tcp(443, world, 'HTTPS'), tcp(5000, world, 'Redash web'), tcp(22, vpc, 'SSH from the VPC')], sg);
    await group('storefront-alb', 'Storefront load balancer', () => [tcp(80, world, 'HTTP'), tcp(443, world, 'HTTPS')], sg);
    await group('storefront-web', 'Storefront web servers', (ids) => [tcp(8080, { group: ids['storefront-alb']! }, 'from the load balancer')], sg);
    await group('internal-alb', 'Internal tools load balancer', () => [tcp(80, vpc, 'HTTP from the VPC')], sg);
    await group('orders-api', 'Orders API', (ids) => [tcp(8080, { group: ids['internal-alb']! }, 'HTTP from the internal ALB'), tcp(50051, vpc, 'gRPC from the VPC')], sg);
    await group('jenkins', 'Jenkins controller', (ids) => [tcp(8080, { group: ids['internal-alb']! }, 'web UI through the internal ALB'), tcp(50000, vpc, 'inbound agents')], sg);
    await group('billing-elb', 'Billing legacy load balancer', () => [tcp(80, world, 'HTTP')], sg);
    await group('billing-app', 'Billing legacy application', (ids) => [tcp(8080, { group: ids['billing-elb']! }, 'from the classic ELB')], sg);
    await group('postgres', 'PostgreSQL primary', (ids) => [tcp(5432, { group: ids['storefront-web']! }, 'storefront'), tcp(5432, { group: ids['orders-api']! }, 'orders API'), tcp(5432, { group: ids['billing-app']! }, 'billing')], sg);

    // Machine images, registered the way a Packer build or a marketplace subscription leaves them.
    const image = async (name: string, description: string): Promise<string> => must((await ec2.send(new RegisterImageCommand({ Name: name, Description: description, Architecture: 'x86_64', RootDeviceName: '/dev/sda1', VirtualizationType: 'hvm' }))).ImageId, 'ImageId');
    const ami = {
      redash: await image('redash-10.1.0-ubuntu-22.04-20240115', 'Redash 10.1.0 all-in-one: web server, workers, PostgreSQL and Redis in Docker Compose'),
      storefront: await image('storefront-web-2024.06.1-al2023', 'Storefront web application (Java 21, Spring Boot), built by Packer'),
      ordersApi: await image('orders-api-3.4.2-al2023', 'Orders API service (Go), built by Packer'),
      billing: await image('billing-legacy-1.9-centos7', 'Billing application on Tomcat 8'),
      postgres: await image('postgresql-15-al2023-20240201', 'PostgreSQL 15 server on Amazon Linux 2023'),
      jenkins: await image('jenkins-controller-2.440.1-al2023', 'Jenkins LTS 2.440.1 controller'),
    };

    let launches = 0;
    const run = async (name: string, options: { image: string; type: string; subnet: string; group: string; extraTags?: Record<string, string>; dataVolume?: { device: string; size: number; type: 'gp2' | 'gp3' }; launchTemplate?: { id: string; version: string } }): Promise<string> => {
      const { Instances } = await ec2.send(
        new RunInstancesCommand({
          ImageId: options.image,
          InstanceType: options.type as never,
          MinCount: 1,
          MaxCount: 1,
          // The SDK would draw a random idempotency token; a fixed one keeps the estate the same on every run.
          ClientToken: `demo-${name}-${++launches}`,
          SubnetId: options.subnet,
          SecurityGroupIds: [options.group],
          ...(options.launchTemplate ? { LaunchTemplate: { LaunchTemplateId: options.launchTemplate.id, Version: options.launchTemplate.version } } : {}),
          // With a data volume the root volume is listed too, as an AMI's own mapping would give it.
          ...(options.dataVolume
            ? {
                BlockDeviceMappings: [
                  { DeviceName: '/dev/sda1', Ebs: { VolumeSize: 30, VolumeType: 'gp3', DeleteOnTermination: true } },
                  { DeviceName: options.dataVolume.device, Ebs: { VolumeSize: options.dataVolume.size, VolumeType: options.dataVolume.type, DeleteOnTermination: false } },
                ],
              }
            : {}),
          TagSpecifications: [{ ResourceType: 'instance', Tags: tags({ Name: name, ...env, ...options.extraTags }) }],
        }),
      );
      return must(Instances?.[0]?.InstanceId, 'InstanceId');
    };

    // Redash, installed the classic way: one box from the Redash AMI with an Elastic IP.
    const redash = await run('redash', { image: ami.redash, type: 't3.large', subnet: publicA, group: sg.redash!, extraTags: { app: 'redash', team: 'data' } });
    const allocation = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: tags({ Name: 'redash', ...env }) }] }));
    const elasticIp = must(allocation.AllocationId, 'AllocationId');
    await ec2.send(new AssociateAddressCommand({ AllocationId: elasticIp, InstanceId: redash }));

    // PostgreSQL on one instance, its data on a separate EBS volume.
    const postgres = await run('postgres-primary', { image: ami.postgres, type: 'm5.large', subnet: privateB, group: sg.postgres!, extraTags: { app: 'postgresql', role: 'database', team: 'platform' }, dataVolume: { device: '/dev/sdf', size: 200, type: 'gp2' } });

    // Jenkins controller on one instance, its home on a data volume, reached through the internal ALB.
    const jenkins = await run('jenkins-controller', { image: ami.jenkins, type: 't3.large', subnet: privateC, group: sg.jenkins!, extraTags: { app: 'jenkins', team: 'platform' }, dataVolume: { device: '/dev/sdg', size: 100, type: 'gp3' } });

    // Billing: two hand-built instances behind a classic ELB, both in one zone, cross-zone off.
    const billing = [
      await run('billing-legacy-1', { image: ami.billing, type: 'm4.large', subnet: privateA, group: sg['billing-app']!, extraTags: { app: 'billing', team: 'finance' } }),
      await run('billing-legacy-2', { image: ami.billing, type: 'm4.large', subnet: privateA, group: sg['billing-app']!, extraTags: { app: 'billing', team: 'finance' } }),
    ];
    const billingElb = 'billing-legacy';
    await elb.send(
      new CreateClassicLoadBalancerCommand({
        LoadBalancerName: billingElb,
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }],
        Subnets: [publicA],
        SecurityGroups: [sg['billing-elb']!],
        Tags: tags({ Name: billingElb, app: 'billing', team: 'finance', ...env }),
      }),
    );
    await elb.send(new ConfigureHealthCheckCommand({ LoadBalancerName: billingElb, HealthCheck: { Target: 'HTTP:8080/status', Interval: 30, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 3 } }));
    await elb.send(
      new ModifyClassicAttributesCommand({
        LoadBalancerName: billingElb,
        LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: false }, ConnectionDraining: { Enabled: true, Timeout: 60 } },
      }),
    );
    await elb.send(new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: billingElb, Instances: billing.map((InstanceId) => ({ InstanceId })) }));

    // Storefront: an internet-facing ALB in three zones in front of an Auto Scaling group.
    const storefrontAlb = must(
      (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'storefront', Scheme: 'internet-facing', Type: 'application', Subnets: publicSubnets, SecurityGroups: [sg['storefront-alb']!], Tags: tags({ app: 'storefront', team: 'web', ...env }) })))
        .LoadBalancers?.[0]?.LoadBalancerArn,
      'LoadBalancerArn',
    );
    // Application Load Balancers always balance across zones on AWS; the emulator reports otherwise unless told.
    const crossZone = async (arn: string): Promise<void> => {
      await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }] }));
    };
    await crossZone(storefrontAlb);
    const targetGroup = async (name: string, options: { protocol: 'HTTP' | 'TCP'; port: number; path?: string; appTag: string; healthy?: number }): Promise<string> =>
      must(
        (
          await elbv2.send(
            new CreateTargetGroupCommand({
              Name: name,
              Protocol: options.protocol,
              Port: options.port,
              VpcId: vpcId,
              TargetType: 'instance',
              HealthCheckProtocol: options.protocol,
              HealthCheckPort: 'traffic-port',
              ...(options.path ? { HealthCheckPath: options.path, Matcher: { HttpCode: '200' } } : {}),
              HealthCheckIntervalSeconds: options.protocol === 'HTTP' ? 15 : 30,
              HealthCheckTimeoutSeconds: options.protocol === 'HTTP' ? 5 : 10,
              HealthyThresholdCount: options.healthy ?? 3,
              UnhealthyThresholdCount: 3,
              Tags: tags({ app: options.appTag, ...env }),
            }),
          )
        ).TargetGroups?.[0]?.TargetGroupArn,
        'TargetGroupArn',
      );
    const storefrontTg = await targetGroup('storefront-web', { protocol: 'HTTP', port: 8080, path: '/healthz', appTag: 'storefront' });
    await elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: storefrontTg, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }] }));
    const storefrontListener = must(
      (await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: storefrontAlb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: storefrontTg }] }))).Listeners?.[0]?.ListenerArn,
      'ListenerArn',
    );
    await elbv2.send(
      new CreateRuleCommand({
        ListenerArn: storefrontListener,
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/admin/*'] } }],
        Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '403', ContentType: 'text/plain', MessageBody: 'Forbidden' } }],
      }),
    );

    const webTemplate = await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'storefront-web',
        VersionDescription: 'initial',
        LaunchTemplateData: { ImageId: ami.storefront, InstanceType: 't3.small', SecurityGroupIds: [sg['storefront-web']!], MetadataOptions: { HttpTokens: 'required' } },
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: tags({ app: 'storefront', ...env }) }],
      }),
    );
    const webTemplateId = must(webTemplate.LaunchTemplate?.LaunchTemplateId, 'LaunchTemplateId');
    await ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: webTemplateId,
        SourceVersion: '1',
        VersionDescription: 'larger instances for the holiday season',
        LaunchTemplateData: { ImageId: ami.storefront, InstanceType: 't3.medium', SecurityGroupIds: [sg['storefront-web']!], MetadataOptions: { HttpTokens: 'required' } },
      }),
    );
    await ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: webTemplateId, DefaultVersion: '2' }));

    // The group is created empty and given one instance per zone: an emulator
    // that puts every group instance in the first subnet would otherwise make
    // this three-zone group look like a one-zone group, which it is not on AWS.
    const storefrontAsg = 'storefront-web';
    await autoscaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: storefrontAsg,
        LaunchTemplate: { LaunchTemplateId: webTemplateId, Version: '$Default' },
        MinSize: 0,
        MaxSize: 6,
        DesiredCapacity: 0,
        VPCZoneIdentifier: privateSubnets.join(','),
        TargetGroupARNs: [storefrontTg],
        HealthCheckType: 'ELB',
        HealthCheckGracePeriod: 120,
        Tags: Object.entries({ Name: 'storefront-web', app: 'storefront', team: 'web', ...env }).map(([Key, Value]) => ({ Key, Value, PropagateAtLaunch: true, ResourceId: storefrontAsg, ResourceType: 'auto-scaling-group' })),
      }),
    );
    const storefront: string[] = [];
    for (const subnetId of privateSubnets) {
      storefront.push(await run('storefront-web', { image: ami.storefront, type: 't3.medium', subnet: subnetId, group: sg['storefront-web']!, extraTags: { app: 'storefront', team: 'web' }, launchTemplate: { id: webTemplateId, version: '2' } }));
    }
    await autoscaling.send(new AttachInstancesCommand({ AutoScalingGroupName: storefrontAsg, InstanceIds: storefront }));
    await autoscaling.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: storefrontAsg, MinSize: 2, MaxSize: 6, DesiredCapacity: 3 }));
    await autoscaling.send(
      new PutScalingPolicyCommand({
        AutoScalingGroupName: storefrontAsg,
        PolicyName: 'cpu-target-50',
        PolicyType: 'TargetTrackingScaling',
        EstimatedInstanceWarmup: 120,
        TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 },
      }),
    );
    await autoscaling.send(new PutScheduledUpdateGroupActionCommand({ AutoScalingGroupName: storefrontAsg, ScheduledActionName: 'weekday-morning', Recurrence: '0 7 * * MON-FRI', MinSize: 3, MaxSize: 6, DesiredCapacity: 4 }));

    // Orders API: a group of one in one zone (a launch configuration from before launch templates),
    // behind an internal ALB that it shares with Jenkins, and an NLB for gRPC.
    const internalAlb = must(
      (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'internal-tools', Scheme: 'internal', Type: 'application', Subnets: [privateA, privateB], SecurityGroups: [sg['internal-alb']!], Tags: tags({ team: 'platform', ...env }) })))
        .LoadBalancers?.[0]?.LoadBalancerArn,
      'LoadBalancerArn',
    );
    await crossZone(internalAlb);
    const ordersTg = await targetGroup('orders-api', { protocol: 'HTTP', port: 8080, path: '/health', appTag: 'orders-api', healthy: 2 });
    const jenkinsTg = await targetGroup('jenkins', { protocol: 'HTTP', port: 8080, path: '/login', appTag: 'jenkins', healthy: 2 });
    const internalListener = must(
      (await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: internalAlb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: ordersTg }] }))).Listeners?.[0]?.ListenerArn,
      'ListenerArn',
    );
    await elbv2.send(
      new CreateRuleCommand({
        ListenerArn: internalListener,
        Priority: 5,
        Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['jenkins.internal.example.com'] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: jenkinsTg }],
      }),
    );
    await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: jenkinsTg, Targets: [{ Id: jenkins, Port: 8080 }] }));

    const grpcNlb = must(
      (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'orders-grpc', Scheme: 'internal', Type: 'network', Subnets: privateSubnets, Tags: tags({ app: 'orders-api', ...env }) }))).LoadBalancers?.[0]?.LoadBalancerArn,
      'LoadBalancerArn',
    );
    const grpcTg = await targetGroup('orders-grpc', { protocol: 'TCP', port: 50051, appTag: 'orders-api' });
    await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: grpcNlb, Protocol: 'TCP', Port: 50051, DefaultActions: [{ Type: 'forward', TargetGroupArn: grpcTg }] }));

    const ordersLc = 'orders-api-2023-11';
    await autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: ordersLc, ImageId: ami.ordersApi, InstanceType: 'c5.large', SecurityGroups: [sg['orders-api']!] }));
    const ordersAsg = 'orders-api';
    await autoscaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: ordersAsg,
        LaunchConfigurationName: ordersLc,
        MinSize: 1,
        MaxSize: 1,
        DesiredCapacity: 1,
        VPCZoneIdentifier: privateA,
        TargetGroupARNs: [ordersTg, grpcTg],
        HealthCheckType: 'EC2',
        HealthCheckGracePeriod: 300,
        Tags: Object.entries({ Name: 'orders-api', app: 'orders-api', team: 'orders', ...env }).map(([Key, Value]) => ({ Key, Value, PropagateAtLaunch: true, ResourceId: ordersAsg, ResourceType: 'auto-scaling-group' })),
      }),
    );

    return {
      region,
      vpcId,
      subnets: { public: [publicA, publicB, publicC], private: [privateA, privateB, privateC] },
      zones,
      instances: { redash, postgres, jenkins, billing, storefront },
      loadBalancers: { storefront: storefrontAlb, internal: internalAlb, grpc: grpcNlb, billing: billingElb },
      targetGroups: { storefront: storefrontTg, ordersApi: ordersTg, jenkins: jenkinsTg, ordersGrpc: grpcTg },
      autoScalingGroups: { storefront: storefrontAsg, ordersApi: ordersAsg },
      elasticIp,
    };
  } finally {
    for (const client of [ec2, elbv2, elb, autoscaling]) client.destroy();
  }
}
