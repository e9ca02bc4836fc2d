/**
 * Typed builders for AWS estates in snapshot form, with AWS-shaped defaults
 * (the fields and quirks DescribeInstances, DescribeTargetHealth,
 * DescribeAutoScalingGroups… return), so a test states only what matters:
 *
 *   estate().asg('web', { zones: ['us-east-1a', 'us-east-1b'], desired: 2, targetGroups: ['web'] })
 *           .targetGroup('web').alb('front', { targetGroups: ['web'] }).build()
 *
 * Resources are named; ids and ARNs are derived from a counter, so the same
 * calls give the same snapshot. Names are unique across the estate.
 */
import { SERVICES, SNAPSHOT_SCHEMA_VERSION, type AwsResource, type CoverageRecord, type ResourceType, type Service, type Snapshot } from '../../src/snapshot/types.js';

type Tags = Record<string, string>;
type Where = { accountId?: string; region?: string };

export interface InstanceOptions extends Where {
  zone?: string;
  state?: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';
  type?: string;
  tags?: Tags;
  /** Associate an Elastic IP. */
  eip?: boolean;
  publicIp?: boolean;
  /** Data volumes (non-root EBS): sizes in GiB, or sizes with DeleteOnTermination. */
  dataVolumes?: (number | { sizeGiB: number; deleteOnTermination?: boolean })[];
  /** Ports opened by a security group made for this instance. */
  ports?: number[];
  targetGroups?: string[];
  classicLoadBalancers?: string[];
  /** Health in every target group / classic LB (default: healthy/InService when running). */
  health?: string;
  launchedDaysAgo?: number;
  monitoring?: boolean;
  autoRecovery?: 'default' | 'disabled';
  lifecycle?: 'spot';
}

export interface AsgInstance {
  zone?: string;
  lifecycle?: string;
  health?: 'Healthy' | 'Unhealthy';
  state?: InstanceOptions['state'];
  /** Health of the instance in the group's target groups / classic LBs. */
  targetHealth?: string;
  type?: string;
}

export interface AsgOptions extends Where {
  zones?: string[];
  desired?: number;
  min?: number;
  max?: number;
  healthCheckType?: string;
  gracePeriod?: number;
  targetGroups?: string[];
  classicLoadBalancers?: string[];
  /** The instances; by default `desired` running InService instances spread over `zones`. */
  instances?: AsgInstance[];
  launch?: 'template' | 'configuration' | 'mixed' | 'none';
  instanceTypes?: string[];
  spot?: boolean;
  capacityRebalance?: boolean;
  suspended?: string[];
  policies?: string[];
  lifecycleHooks?: string[];
  /** Detailed monitoring on the group's instances. */
  monitoring?: boolean;
  tags?: Tags;
}

export interface HealthCheckOptions {
  protocol?: string;
  port?: string;
  path?: string;
  interval?: number;
  unhealthyThreshold?: number;
  matcher?: string;
}

export interface TargetGroupOptions extends Where {
  protocol?: string;
  port?: number;
  targetType?: 'instance' | 'ip' | 'lambda';
  healthCheck?: HealthCheckOptions;
  attributes?: Record<string, string>;
  /** False: the snapshot holds no target health for this group. */
  healthCollected?: boolean;
  /** Extra IP targets that are not instances of the estate. */
  ipTargets?: { ip: string; zone?: string; state?: string }[];
}

export interface ListenerOptions {
  port?: number;
  protocol?: string;
  /** Default action: forward to one group, or weighted forward to several. */
  forward?: string | { targetGroup: string; weight: number }[];
  /** Rules, each forwarding to one or more groups (weighted when several). */
  rules?: (string | { targetGroup: string; weight: number }[])[];
}

export interface LoadBalancerOptions extends Where {
  zones?: string[];
  scheme?: 'internet-facing' | 'internal';
  /** Shortcut: one HTTP listener forwarding to the first group, and a rule for each other group. */
  targetGroups?: string[];
  listeners?: ListenerOptions[];
  attributes?: Record<string, string>;
  attributesCollected?: boolean;
}

export interface ClassicOptions extends Where {
  zones?: string[];
  instances?: string[];
  crossZone?: boolean;
  connectionDraining?: boolean;
  healthCheckTarget?: string;
  listeners?: { port: number; instancePort: number; protocol?: string }[];
  attributesCollected?: boolean;
  healthCollected?: boolean;
}

const DEFAULT_ACCOUNT = '123456789012';
const DEFAULT_REGION = 'us-east-1';
const DAY_MS = 86_400_000;

const hex = (n: number, width = 17): string => n.toString(16).padStart(width, '0');

interface Defined<T> {
  name: string;
  accountId: string;
  region: string;
  options: T;
}

/** Builds a snapshot of an AWS estate. */
export class EstateBuilder {
  private counter = 0;
  private readonly instances: Defined<InstanceOptions>[] = [];
  private readonly groups: Defined<AsgOptions>[] = [];
  private readonly targetGroups: Defined<TargetGroupOptions>[] = [];
  private readonly balancers: Defined<LoadBalancerOptions & { type: 'application' | 'network' }>[] = [];
  private readonly classics: Defined<ClassicOptions>[] = [];
  private readonly coverageOverrides: CoverageRecord[] = [];
  private readonly patches: { name: string; fn: (r: AwsResource) => void }[] = [];
  private readonly omitted = new Set<ResourceType>();

  constructor(private defaults: { accountId: string; region: string; zones: string[]; generatedAt: string }) {}

  private where(options: Where): { accountId: string; region: string } {
    return { accountId: options.accountId ?? this.defaults.accountId, region: options.region ?? this.defaults.region };
  }

  private zonesFor(region: string): string[] {
    return region === this.defaults.region ? this.defaults.zones : ['a', 'b', 'c'].map((s) => `${region}${s}`);
  }

  /**
   * The network of the default account and region: one VPC with a subnet per
   * zone. Optional; without it the VPC covers three zones (a, b, c).
   */
  vpc(options: { zones?: string[] } = {}): this {
    if (options.zones?.length) this.defaults.zones = [...options.zones];
    return this;
  }

  /** A standalone instance (not in an Auto Scaling group). */
  instance(name: string, options: InstanceOptions = {}): this {
    this.instances.push({ name, ...this.where(options), options });
    return this;
  }

  /** An Auto Scaling group and its instances. */
  asg(name: string, options: AsgOptions = {}): this {
    this.groups.push({ name, ...this.where(options), options });
    return this;
  }

  targetGroup(name: string, options: TargetGroupOptions = {}): this {
    this.targetGroups.push({ name, ...this.where(options), options });
    return this;
  }

  alb(name: string, options: LoadBalancerOptions = {}): this {
    this.balancers.push({ name, ...this.where(options), options: { ...options, type: 'application' } });
    return this;
  }

  nlb(name: string, options: LoadBalancerOptions = {}): this {
    this.balancers.push({ name, ...this.where(options), options: { ...options, type: 'network' } });
    return this;
  }

  /** A classic load balancer. */
  clb(name: string, options: ClassicOptions = {}): this {
    this.classics.push({ name, ...this.where(options), options });
    return this;
  }

  /** Records a coverage status for a service (every other service and region is `ok`). */
  coverage(service: Service, status: 'ok' | 'error', where: Where = {}): this {
    const { accountId, region } = this.where(where);
    const record: CoverageRecord = { accountId, region, service, status };
    if (status === 'error') Object.assign(record, { errorCode: 'AccessDenied', error: 'User is not authorized to perform this action' });
    this.coverageOverrides.push(record);
    return this;
  }

  /** Leaves a resource type out of the snapshot (as if it had not been collected). */
  omit(type: ResourceType): this {
    this.omitted.add(type);
    return this;
  }

  /** Changes the built resource with this name (Name tag or AWS name) or id. */
  patch(name: string, fn: (resource: AwsResource) => void): this {
    this.patches.push({ name, fn });
    return this;
  }

  private next(): number {
    return ++this.counter;
  }

  /** The snapshot. */
  build(): Snapshot {
    this.counter = 0;
    const out = new Map<ResourceType, AwsResource[]>();
    const add = (type: ResourceType, resource: AwsResource): AwsResource => {
      const list = out.get(type) ?? [];
      list.push(resource);
      out.set(type, list);
      return resource;
    };
    const regions = new Map<string, { accountId: string; region: string }>();
    for (const d of [...this.instances, ...this.groups, ...this.targetGroups, ...this.balancers, ...this.classics]) regions.set(`${d.accountId}|${d.region}`, d);
    if (regions.size === 0) regions.set(`${this.defaults.accountId}|${this.defaults.region}`, this.defaults);

    // Network: one VPC per account and region, one subnet per zone.
    const subnets = new Map<string, AwsResource>();
    const vpcs = new Map<string, string>();
    const availabilityZones: Snapshot['availabilityZones'] = [];
    for (const { accountId, region } of regions.values()) {
      const vpcId = `vpc-${hex(this.next())}`;
      vpcs.set(`${accountId}|${region}`, vpcId);
      add('AWS::EC2::VPC', { accountId, region, VpcId: vpcId, CidrBlock: '10.0.0.0/8', IsDefault: false, State: 'available', OwnerId: accountId });
      this.zonesFor(region).forEach((zone, i) => {
        // Zone ids are shuffled per account, as AWS does (us-east-1a is not the same zone everywhere).
        const [area = 'us', direction = 'east', number = '1'] = region.split('-');
        const zoneId = `${area}${direction[0]}${number}-az${((i + Number(accountId.slice(-1))) % 6) + 1}`;
        availabilityZones.push({ accountId, region, ZoneName: zone, ZoneId: zoneId, State: 'available', RegionName: region, ZoneType: 'availability-zone' });
        const subnet = add('AWS::EC2::Subnet', {
          accountId,
          region,
          SubnetId: `subnet-${hex(this.next())}`,
          VpcId: vpcId,
          AvailabilityZone: zone,
          AvailabilityZoneId: zoneId,
          CidrBlock: `10.${i}.0.0/16`,
          State: 'available',
          MapPublicIpOnLaunch: false,
          Tags: [{ Key: 'Name', Value: `private-${zone}` }],
        });
        subnets.set(`${accountId}|${region}|${zone}`, subnet);
      });
    }
    const subnetFor = (accountId: string, region: string, zone: string): AwsResource => {
      const subnet = subnets.get(`${accountId}|${region}|${zone}`);
      if (!subnet) throw new Error(`estate-builder: zone ${zone} is not one of ${this.zonesFor(region).join(', ')}`);
      return subnet;
    };

    // Instances: standalone ones, then those of each group.
    const byName = new Map<string, AwsResource>();
    const byId = new Map<string, AwsResource>();
    const registrations: { instance: AwsResource; targetGroups: string[]; classics: string[]; health?: string }[] = [];
    const hostCount = new Map<string, number>();
    const makeInstance = (name: string, accountId: string, region: string, o: InstanceOptions & { groupName?: string }): AwsResource => {
      const zone = o.zone ?? this.zonesFor(region)[0]!;
      const subnet = subnetFor(accountId, region, zone);
      const zoneIndex = this.zonesFor(region).indexOf(zone);
      const n = hostCount.get(`${accountId}|${region}|${zone}`) ?? 0;
      hostCount.set(`${accountId}|${region}|${zone}`, n + 1);
      const host = `${Math.floor(n / 250)}.${(n % 250) + 4}`;
      const id = `i-${hex(this.next())}`;
      const state = o.state ?? 'running';
      const live = state === 'running' || state === 'pending';
      const privateIp = `10.${zoneIndex}.${host}`;
      const securityGroups: { GroupId: string; GroupName: string }[] = [];
      if (o.ports?.length) {
        const groupId = `sg-${hex(this.next())}`;
        add('AWS::EC2::SecurityGroup', {
          accountId,
          region,
          GroupId: groupId,
          GroupName: `${name}-sg`,
          Description: `${name} ports`,
          VpcId: subnet.VpcId,
          OwnerId: accountId,
          IpPermissions: o.ports.map((p) => ({ IpProtocol: 'tcp', FromPort: p, ToPort: p, IpRanges: [{ CidrIp: '10.0.0.0/16' }] })),
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        });
        securityGroups.push({ GroupId: groupId, GroupName: `${name}-sg` });
      }
      const rootVolume = `vol-${hex(this.next())}`;
      const mappings: unknown[] = [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: rootVolume, DeleteOnTermination: true, Status: 'attached' } }];
      const launched = new Date(Date.parse(this.defaults.generatedAt) - (o.launchedDaysAgo ?? 10) * DAY_MS).toISOString();
      const volume = (volumeId: string, device: string, size: number, deleteOnTermination: boolean): void => {
        add('AWS::EC2::Volume', {
          accountId,
          region,
          VolumeId: volumeId,
          Size: size,
          VolumeType: 'gp3',
          Iops: 3000,
          AvailabilityZone: zone,
          State: live || state === 'stopped' ? 'in-use' : 'available',
          Encrypted: true,
          CreateTime: launched,
          Attachments: [{ InstanceId: id, VolumeId: volumeId, Device: device, State: 'attached', DeleteOnTermination: deleteOnTermination, AttachTime: launched }],
        });
      };
      volume(rootVolume, '/dev/xvda', 8, true);
      (o.dataVolumes ?? []).forEach((spec, i) => {
        const { sizeGiB, deleteOnTermination } = typeof spec === 'number' ? { sizeGiB: spec, deleteOnTermination: false } : spec;
        const volumeId = `vol-${hex(this.next())}`;
        const device = `/dev/sd${String.fromCharCode(102 + i)}`;
        mappings.push({ DeviceName: device, Ebs: { VolumeId: volumeId, DeleteOnTermination: deleteOnTermination ?? false, Status: 'attached' } });
        volume(volumeId, device, sizeGiB, deleteOnTermination ?? false);
      });
      const tags: Tags = { Name: name, ...(o.groupName ? { 'aws:autoscaling:groupName': o.groupName } : {}), ...o.tags };
      const publicIp = o.eip ? `127.${zoneIndex}.${host}` : o.publicIp ? `54.${zoneIndex}.${host}` : undefined;
      const instance: AwsResource = {
        accountId,
        region,
        InstanceId: id,
        ImageId: 'ami-0abcdef1234567890',
        InstanceType: o.type ?? 't3.medium',
        State: { Code: live ? 16 : 80, Name: state },
        Placement: { AvailabilityZone: zone, Tenancy: 'default' },
        SubnetId: subnet.SubnetId,
        VpcId: subnet.VpcId,
        PrivateIpAddress: live || state === 'stopped' ? privateIp : undefined,
        PrivateDnsName: `ip-${privateIp.replace(/\./g, '-')}.ec2.internal`,
        PublicIpAddress: live ? publicIp : undefined,
        LaunchTime: launched,
        RootDeviceName: '/dev/xvda',
        RootDeviceType: 'ebs',
        BlockDeviceMappings: mappings,
        SecurityGroups: securityGroups,
        Monitoring: { State: o.monitoring ? 'enabled' : 'disabled' },
        MaintenanceOptions: { AutoRecovery: o.autoRecovery ?? 'default' },
        InstanceLifecycle: o.lifecycle,
        NetworkInterfaces: [{ NetworkInterfaceId: `eni-${hex(this.next())}`, PrivateIpAddress: privateIp, PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: privateIp }] }],
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      };
      for (const k of Object.keys(instance)) if (instance[k] === undefined) delete instance[k];
      add('AWS::EC2::Instance', instance);
      if (o.eip) {
        add('AWS::EC2::EIP', { accountId, region, AllocationId: `eipalloc-${hex(this.next())}`, AssociationId: `eipassoc-${hex(this.next())}`, InstanceId: id, PublicIp: publicIp, PrivateIpAddress: privateIp, Domain: 'vpc' });
      }
      byName.set(name, instance);
      byId.set(id, instance);
      return instance;
    };
    for (const d of this.instances) {
      const instance = makeInstance(d.name, d.accountId, d.region, d.options);
      const registration: (typeof registrations)[number] = { instance, targetGroups: d.options.targetGroups ?? [], classics: d.options.classicLoadBalancers ?? [] };
      if (d.options.health) registration.health = d.options.health;
      registrations.push(registration);
    }

    const groupResources: AwsResource[] = [];
    for (const d of this.groups) {
      const o = d.options;
      const zones = o.zones ?? this.zonesFor(d.region).slice(0, 2);
      const desired = o.desired ?? o.instances?.length ?? 2;
      const members: AsgInstance[] = o.instances ?? Array.from({ length: desired }, (_, i): AsgInstance => ({ zone: zones[i % zones.length]! }));
      const attached = (o.targetGroups?.length ?? 0) + (o.classicLoadBalancers?.length ?? 0) > 0;
      const entries = members.map((m, i) => {
        const zone = m.zone ?? zones[i % zones.length]!;
        const type = m.type ?? o.instanceTypes?.[0] ?? 't3.medium';
        const instance = makeInstance(`${d.name}-${i + 1}`, d.accountId, d.region, { zone, state: m.state ?? 'running', type, groupName: d.name, tags: o.tags, monitoring: o.monitoring, ...(o.spot ? { lifecycle: 'spot' } : {}) });
        const registration: (typeof registrations)[number] = { instance, targetGroups: o.targetGroups ?? [], classics: o.classicLoadBalancers ?? [] };
        if (m.targetHealth) registration.health = m.targetHealth;
        registrations.push(registration);
        return {
          InstanceId: instance.InstanceId,
          InstanceType: type,
          AvailabilityZone: zone,
          LifecycleState: m.lifecycle ?? 'InService',
          HealthStatus: m.health ?? 'Healthy',
          LaunchTemplate: o.launch === 'configuration' ? undefined : { LaunchTemplateId: `lt-${d.name}`, LaunchTemplateName: `${d.name}-lt`, Version: '1' },
          ProtectedFromScaleIn: false,
        };
      });
      const launch = o.launch ?? 'template';
      const group: AwsResource = {
        accountId: d.accountId,
        region: d.region,
        AutoScalingGroupName: d.name,
        AutoScalingGroupARN: `arn:aws:autoscaling:${d.region}:${d.accountId}:autoScalingGroup:${hex(this.next(), 8)}-0000-4000-8000-${hex(this.counter, 12)}:autoScalingGroupName/${d.name}`,
        MinSize: o.min ?? desired,
        MaxSize: o.max ?? Math.max(desired, 1) * 2,
        DesiredCapacity: desired,
        DefaultCooldown: 300,
        AvailabilityZones: zones,
        VPCZoneIdentifier: zones.map((z) => subnetFor(d.accountId, d.region, z).SubnetId).join(','),
        HealthCheckType: o.healthCheckType ?? (attached ? 'ELB' : 'EC2'),
        HealthCheckGracePeriod: o.gracePeriod ?? 300,
        Instances: entries.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined))),
        LoadBalancerNames: o.classicLoadBalancers ?? [],
        TargetGroupARNs: [],
        SuspendedProcesses: (o.suspended ?? []).map((p) => ({ ProcessName: p, SuspensionReason: 'User suspended at 2026-01-01T00:00:00Z' })),
        EnabledMetrics: [],
        TerminationPolicies: ['Default'],
        NewInstancesProtectedFromScaleIn: false,
        CapacityRebalance: o.capacityRebalance ?? false,
        CreatedTime: '2025-01-01T00:00:00.000Z',
        ServiceLinkedRoleARN: `arn:aws:iam::${d.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
        Tags: Object.entries(o.tags ?? {}).map(([Key, Value]) => ({ Key, Value, ResourceId: d.name, ResourceType: 'auto-scaling-group', PropagateAtLaunch: true })),
      };
      if (launch === 'template') group.LaunchTemplate = { LaunchTemplateId: `lt-${d.name}`, LaunchTemplateName: `${d.name}-lt`, Version: '$Latest' };
      if (launch === 'configuration') {
        group.LaunchConfigurationName = `${d.name}-lc`;
        add('AWS::AutoScaling::LaunchConfiguration', {
          accountId: d.accountId,
          region: d.region,
          LaunchConfigurationName: `${d.name}-lc`,
          ImageId: 'ami-0abcdef1234567890',
          InstanceType: o.instanceTypes?.[0] ?? 't3.medium',
          ...(o.spot ? { SpotPrice: '0.05' } : {}),
        });
      }
      if (launch === 'mixed') {
        group.MixedInstancesPolicy = {
          LaunchTemplate: {
            LaunchTemplateSpecification: { LaunchTemplateId: `lt-${d.name}`, LaunchTemplateName: `${d.name}-lt`, Version: '$Latest' },
            Overrides: (o.instanceTypes ?? ['t3.medium', 't3a.medium']).map((t) => ({ InstanceType: t })),
          },
          InstancesDistribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: o.spot ? 0 : 100, SpotAllocationStrategy: 'price-capacity-optimized' },
        };
      }
      if (launch === 'template' || launch === 'mixed') {
        add('AWS::EC2::LaunchTemplate', { accountId: d.accountId, region: d.region, LaunchTemplateId: `lt-${d.name}`, LaunchTemplateName: `${d.name}-lt`, DefaultVersionNumber: 1, LatestVersionNumber: 1 });
      }
      for (const policy of o.policies ?? []) {
        add('AWS::AutoScaling::ScalingPolicy', {
          accountId: d.accountId,
          region: d.region,
          AutoScalingGroupName: d.name,
          PolicyName: policy,
          PolicyARN: `arn:aws:autoscaling:${d.region}:${d.accountId}:scalingPolicy:${hex(this.next(), 8)}:autoScalingGroupName/${d.name}:policyName/${policy}`,
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 },
          Enabled: true,
        });
      }
      for (const hook of o.lifecycleHooks ?? []) {
        add('AWS::AutoScaling::LifecycleHook', { accountId: d.accountId, region: d.region, AutoScalingGroupName: d.name, LifecycleHookName: hook, LifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING', HeartbeatTimeout: 300, DefaultResult: 'CONTINUE' });
      }
      groupResources.push(group);
      add('AWS::AutoScaling::AutoScalingGroup', group);
    }

    // Target groups, with the health of every registered instance.
    const tgArns = new Map<string, string>();
    const tgResources = new Map<string, AwsResource>();
    for (const d of this.targetGroups) {
      const o = d.options;
      const arn = `arn:aws:elasticloadbalancing:${d.region}:${d.accountId}:targetgroup/${d.name}/${hex(this.next(), 16)}`;
      tgArns.set(d.name, arn);
      const hc = o.healthCheck ?? {};
      const protocol = o.protocol ?? 'HTTP';
      const http = protocol.startsWith('HTTP');
      const tg: AwsResource = {
        accountId: d.accountId,
        region: d.region,
        TargetGroupArn: arn,
        TargetGroupName: d.name,
        Protocol: protocol,
        Port: o.port ?? 80,
        VpcId: vpcs.get(`${d.accountId}|${d.region}`),
        HealthCheckProtocol: hc.protocol ?? protocol,
        HealthCheckPort: hc.port ?? 'traffic-port',
        HealthCheckEnabled: true,
        HealthCheckIntervalSeconds: hc.interval ?? 30,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 5,
        UnhealthyThresholdCount: hc.unhealthyThreshold ?? 2,
        TargetType: o.targetType ?? 'instance',
        LoadBalancerArns: [],
        Attributes: Object.entries({ 'deregistration_delay.timeout_seconds': '300', 'stickiness.enabled': 'false', 'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration', ...o.attributes }).map(([Key, Value]) => ({ Key, Value })),
        Tags: [],
      };
      if (http) Object.assign(tg, { HealthCheckPath: hc.path ?? '/health', Matcher: { HttpCode: hc.matcher ?? '200' }, ProtocolVersion: 'HTTP1' });
      if (o.healthCollected !== false) {
        tg.TargetHealthDescriptions = (o.ipTargets ?? []).map((t) => ({
          Target: { Id: t.ip, Port: o.port ?? 80, ...(t.zone ? { AvailabilityZone: t.zone } : {}) },
          HealthCheckPort: String(o.port ?? 80),
          TargetHealth: { State: t.state ?? 'healthy' },
        }));
      }
      tgResources.set(d.name, tg);
      add('AWS::ElasticLoadBalancingV2::TargetGroup', tg);
    }
    const groupDefs = new Map(this.groups.map((g) => [g.name, g]));
    for (const group of groupResources) {
      const def = groupDefs.get(group.AutoScalingGroupName as string)!;
      group.TargetGroupARNs = (def.options.targetGroups ?? []).map((name) => tgArns.get(name) ?? `arn:aws:elasticloadbalancing:${def.region}:${def.accountId}:targetgroup/${name}/0000000000000000`);
    }
    const classicHealth = new Map<string, { InstanceId: string; State: string }[]>();
    for (const { instance, targetGroups, classics, health } of registrations) {
      const state = (instance.State as { Name: string }).Name;
      const live = state === 'running' || state === 'pending';
      for (const name of targetGroups) {
        const tg = tgResources.get(name);
        if (!tg || !Array.isArray(tg.TargetHealthDescriptions)) continue;
        if (state === 'terminated') continue;
        const ip = tg.TargetType === 'ip';
        (tg.TargetHealthDescriptions as unknown[]).push({
          Target: { Id: ip ? instance.PrivateIpAddress : instance.InstanceId, Port: tg.Port, ...(ip ? { AvailabilityZone: (instance.Placement as { AvailabilityZone: string }).AvailabilityZone } : {}) },
          HealthCheckPort: String(tg.Port),
          TargetHealth: health ? { State: health } : live ? { State: 'healthy' } : { State: 'unused', Reason: 'Target.InvalidState', Description: 'Target is in the stopped state' },
        });
      }
      for (const name of classics) {
        const list = classicHealth.get(name) ?? [];
        list.push({ InstanceId: instance.InstanceId as string, State: health ?? (live ? 'InService' : 'OutOfService') });
        classicHealth.set(name, list);
      }
    }

    // ALBs and NLBs with their listeners and rules.
    for (const d of this.balancers) {
      const o = d.options;
      const kind = o.type === 'network' ? 'net' : 'app';
      const lbId = hex(this.next(), 16);
      const arn = `arn:aws:elasticloadbalancing:${d.region}:${d.accountId}:loadbalancer/${kind}/${d.name}/${lbId}`;
      const zones = o.zones ?? this.zonesFor(d.region);
      add('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        accountId: d.accountId,
        region: d.region,
        LoadBalancerArn: arn,
        LoadBalancerName: d.name,
        DNSName: `${d.name}-${lbId.slice(0, 8)}.${d.region}.elb.amazonaws.com`,
        Scheme: o.scheme ?? 'internet-facing',
        VpcId: vpcs.get(`${d.accountId}|${d.region}`),
        State: { Code: 'active' },
        Type: o.type,
        IpAddressType: 'ipv4',
        AvailabilityZones: zones.map((z) => ({ ZoneName: z, SubnetId: subnetFor(d.accountId, d.region, z).SubnetId, LoadBalancerAddresses: [] })),
        SecurityGroups: [],
        ...(o.attributesCollected === false
          ? {}
          : {
              Attributes: Object.entries({ 'deletion_protection.enabled': 'false', 'load_balancing.cross_zone.enabled': o.type === 'network' ? 'false' : 'true', ...o.attributes }).map(([Key, Value]) => ({ Key, Value })),
            }),
        Tags: [],
      });
      const listeners: ListenerOptions[] = o.listeners ?? (o.targetGroups?.length ? [{ port: 80, forward: o.targetGroups[0]!, rules: o.targetGroups.slice(1) }] : []);
      const forward = (spec: string | { targetGroup: string; weight: number }[]): unknown[] => {
        const used = typeof spec === 'string' ? [spec] : spec.map((s) => s.targetGroup);
        for (const name of used) {
          const tg = tgResources.get(name);
          if (tg && !(tg.LoadBalancerArns as string[]).includes(arn)) (tg.LoadBalancerArns as string[]).push(arn);
        }
        if (typeof spec === 'string') return [{ Type: 'forward', TargetGroupArn: tgArns.get(spec), Order: 1 }];
        return [{ Type: 'forward', Order: 1, ForwardConfig: { TargetGroups: spec.map((s) => ({ TargetGroupArn: tgArns.get(s.targetGroup), Weight: s.weight })) } }];
      };
      for (const l of listeners) {
        const listenerId = hex(this.next(), 16);
        const listenerArn = `arn:aws:elasticloadbalancing:${d.region}:${d.accountId}:listener/${kind}/${d.name}/${lbId}/${listenerId}`;
        add('AWS::ElasticLoadBalancingV2::Listener', {
          accountId: d.accountId,
          region: d.region,
          ListenerArn: listenerArn,
          LoadBalancerArn: arn,
          Port: l.port ?? 80,
          Protocol: l.protocol ?? (o.type === 'network' ? 'TCP' : 'HTTP'),
          DefaultActions: l.forward ? forward(l.forward) : [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
        });
        (l.rules ?? []).forEach((rule, i) => {
          add('AWS::ElasticLoadBalancingV2::ListenerRule', {
            accountId: d.accountId,
            region: d.region,
            RuleArn: `arn:aws:elasticloadbalancing:${d.region}:${d.accountId}:listener-rule/${kind}/${d.name}/${lbId}/${listenerId}/${hex(this.next(), 16)}`,
            Priority: String(i + 1),
            IsDefault: false,
            Conditions: [{ Field: 'path-pattern', Values: [`/${i + 1}/*`] }],
            Actions: forward(rule),
          });
        });
      }
    }

    for (const d of this.classics) {
      const o = d.options;
      const zones = o.zones ?? this.zonesFor(d.region);
      const members = [...(o.instances ?? []).map((n) => byName.get(n)?.InstanceId as string | undefined).filter((id): id is string => !!id)];
      for (const r of classicHealth.get(d.name) ?? []) if (!members.includes(r.InstanceId)) members.push(r.InstanceId);
      const health = new Map((classicHealth.get(d.name) ?? []).map((r) => [r.InstanceId, r.State]));
      for (const id of members) {
        if (health.has(id)) continue;
        const state = (byId.get(id)?.State as { Name: string } | undefined)?.Name;
        health.set(id, state === 'running' ? 'InService' : 'OutOfService');
      }
      add('AWS::ElasticLoadBalancing::LoadBalancer', {
        accountId: d.accountId,
        region: d.region,
        LoadBalancerName: d.name,
        DNSName: `${d.name}-1234567890.${d.region}.elb.amazonaws.com`,
        Scheme: 'internet-facing',
        VPCId: vpcs.get(`${d.accountId}|${d.region}`),
        AvailabilityZones: zones,
        Subnets: zones.map((z) => subnetFor(d.accountId, d.region, z).SubnetId),
        SecurityGroups: [],
        ListenerDescriptions: (o.listeners ?? [{ port: 80, instancePort: 80 }]).map((l) => ({
          Listener: { Protocol: l.protocol ?? 'HTTP', LoadBalancerPort: l.port, InstanceProtocol: l.protocol ?? 'HTTP', InstancePort: l.instancePort },
          PolicyNames: [],
        })),
        HealthCheck: { Target: o.healthCheckTarget ?? 'HTTP:80/health', Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 10 },
        Instances: members.map((id) => ({ InstanceId: id })),
        ...(o.healthCollected === false ? {} : { InstanceStates: members.map((id) => ({ InstanceId: id, State: health.get(id), ReasonCode: 'N/A', Description: 'N/A' })) }),
        ...(o.attributesCollected === false
          ? {}
          : {
              Attributes: {
                CrossZoneLoadBalancing: { Enabled: o.crossZone ?? false },
                ConnectionDraining: { Enabled: o.connectionDraining ?? true, Timeout: 300 },
                ConnectionSettings: { IdleTimeout: 60 },
                AccessLog: { Enabled: false },
              },
            }),
        Tags: [],
      });
    }

    for (const { name, fn } of this.patches) {
      const all = [...out.values()].flat();
      const target = all.find((r) => (r.Tags as { Key: string; Value: string }[] | undefined)?.some((t) => t.Key === 'Name' && t.Value === name)) ??
        all.find((r) => [r.AutoScalingGroupName, r.TargetGroupName, r.LoadBalancerName, r.InstanceId, r.VolumeId, r.GroupId, r.LaunchTemplateName].includes(name));
      if (!target) throw new Error(`estate-builder: nothing named ${name} to patch`);
      fn(target);
    }

    const coverage: CoverageRecord[] = [];
    for (const { accountId, region } of [...regions.values()].sort((a, b) => `${a.accountId}${a.region}`.localeCompare(`${b.accountId}${b.region}`))) {
      for (const service of SERVICES) {
        const override = this.coverageOverrides.find((c) => c.accountId === accountId && c.region === region && c.service === service);
        coverage.push(override ?? { accountId, region, service, status: 'ok' });
      }
    }
    const resources: Snapshot['resources'] = {};
    for (const [type, list] of out) if (!this.omitted.has(type)) resources[type] = list;
    const types = new Set([...out.get('AWS::EC2::Instance') ?? []].map((i) => `${i.region}|${String(i.InstanceType)}`));
    return {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      tool: { name: 'kubelift', version: '0.0.0-test' },
      generatedAt: this.defaults.generatedAt,
      source: { kind: 'scan', accounts: [...new Set([...regions.values()].map((r) => r.accountId))].sort(), regions: [...new Set([...regions.values()].map((r) => r.region))].sort(), includesUserData: false },
      coverage,
      resources,
      instanceTypes: [...types].sort().map((k) => {
        const [region, type] = k.split('|') as [string, string];
        const store = /^[a-z]+\d+[a-z]*d\./.test(type) ? { InstanceStorageInfo: { TotalSizeInGB: 150 } } : {};
        return { region, InstanceType: type, VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 4096 }, ...store };
      }),
      availabilityZones,
    };
  }
}

/** Starts an estate; every resource goes to `accountId`/`region` unless it says otherwise. */
export function estate(options: { accountId?: string; region?: string; zones?: string[]; generatedAt?: string } = {}): EstateBuilder {
  const region = options.region ?? DEFAULT_REGION;
  return new EstateBuilder({
    accountId: options.accountId ?? DEFAULT_ACCOUNT,
    region,
    zones: options.zones ?? ['a', 'b', 'c'].map((s) => `${region}${s}`),
    generatedAt: options.generatedAt ?? '2026-01-01T00:00:00.000Z',
  });
}

/** A snapshot, or a builder that makes one. */
export type EstateInput = Snapshot | EstateBuilder;

/** The snapshot of an estate input. */
export function snapshotOf(input: EstateInput): Snapshot {
  return input instanceof EstateBuilder ? input.build() : input;
}
