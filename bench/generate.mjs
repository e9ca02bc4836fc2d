// Synthetic estates for the benchmark: N instances in the shape DescribeInstances
// returns, with Auto Scaling groups, target groups, ALBs/NLBs and classic load
// balancers in proportion, so every rule and every resolver join has work to do.
// Deterministic: the same N gives the same snapshot.
//
// Per 100 instances: 60 in 10 Auto Scaling groups of 6 (one in ten attached to a
// classic load balancer, the rest to a target group), 20 in groups of 4 behind a
// target group, 20 standalone (a quarter with an Elastic IP, a third with a data
// volume; hosts share a security group per thirty). One ALB or NLB per 4 target groups, one listener and path rules each.

const ACCOUNT = '111122223333';
const REGIONS = ['us-east-1', 'eu-west-1'];
const ZONE_SUFFIXES = ['a', 'b', 'c'];
const GENERATED_AT = '2026-01-15T00:00:00.000Z';

const hex = (n, width = 17) => n.toString(16).padStart(width, '0');

/** Builds the snapshot object for `count` instances. */
export function generateSnapshot(count) {
  let serial = 0;
  const next = () => ++serial;
  const r = {
    'AWS::EC2::Instance': [],
    'AWS::EC2::Volume': [],
    'AWS::EC2::SecurityGroup': [],
    'AWS::EC2::Subnet': [],
    'AWS::EC2::VPC': [],
    'AWS::EC2::EIP': [],
    'AWS::EC2::LaunchTemplate': [],
    'AWS::AutoScaling::AutoScalingGroup': [],
    'AWS::ElasticLoadBalancingV2::LoadBalancer': [],
    'AWS::ElasticLoadBalancingV2::Listener': [],
    'AWS::ElasticLoadBalancingV2::ListenerRule': [],
    'AWS::ElasticLoadBalancingV2::TargetGroup': [],
    'AWS::ElasticLoadBalancing::LoadBalancer': [],
  };
  const availabilityZones = [];
  const network = new Map();
  for (const [ri, region] of REGIONS.entries()) {
    const vpcId = `vpc-${hex(next())}`;
    r['AWS::EC2::VPC'].push({ accountId: ACCOUNT, region, VpcId: vpcId, CidrBlock: `10.${ri}.0.0/16`, State: 'available', IsDefault: false, OwnerId: ACCOUNT, InstanceTenancy: 'default', Tags: [{ Key: 'Name', Value: `main-${region}` }] });
    const subnets = ZONE_SUFFIXES.map((s, zi) => {
      const zone = `${region}${s}`;
      const subnetId = `subnet-${hex(next())}`;
      availabilityZones.push({ accountId: ACCOUNT, region, ZoneName: zone, ZoneId: `${region.split('-')[0]}${region.split('-')[1][0]}1-az${zi + 1}`, State: 'available', RegionName: region, ZoneType: 'availability-zone' });
      r['AWS::EC2::Subnet'].push({ accountId: ACCOUNT, region, SubnetId: subnetId, VpcId: vpcId, AvailabilityZone: zone, AvailabilityZoneId: `${region.slice(0, 2)}1-az${zi + 1}`, CidrBlock: `10.${ri}.${zi * 64}.0/18`, AvailableIpAddressCount: 16000, State: 'available', MapPublicIpOnLaunch: false, DefaultForAz: false, OwnerId: ACCOUNT, SubnetArn: `arn:aws:ec2:${region}:${ACCOUNT}:subnet/${subnetId}`, Tags: [{ Key: 'Name', Value: `private-${zone}` }] });
      return { zone, subnetId };
    });
    network.set(region, { vpcId, subnets });
  }

  let hostCounter = 0;
  const securityGroup = (region, name, ports) => {
    const groupId = `sg-${hex(next())}`;
    r['AWS::EC2::SecurityGroup'].push({
      accountId: ACCOUNT,
      region,
      GroupId: groupId,
      GroupName: name,
      Description: `${name} security group`,
      VpcId: network.get(region).vpcId,
      OwnerId: ACCOUNT,
      IpPermissions: ports.map((p) => ({ IpProtocol: 'tcp', FromPort: p, ToPort: p, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'internal' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] })),
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
      Tags: [{ Key: 'Name', Value: name }],
    });
    return { GroupId: groupId, GroupName: name };
  };

  const instance = (region, zoneIndex, name, options) => {
    const { zone, subnetId } = network.get(region).subnets[zoneIndex];
    const id = `i-${hex(next())}`;
    const n = hostCounter++;
    const ip = `10.${REGIONS.indexOf(region)}.${zoneIndex * 64 + Math.floor(n / 250) % 64}.${(n % 250) + 4}`;
    const dns = `ip-${ip.replace(/\./g, '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`;
    const rootVolume = `vol-${hex(next())}`;
    const launched = `2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}T08:00:00.000Z`;
    const mappings = [{ DeviceName: '/dev/xvda', Ebs: { AttachTime: launched, DeleteOnTermination: true, Status: 'attached', VolumeId: rootVolume } }];
    const volume = (volumeId, device, size, deleteOnTermination) =>
      r['AWS::EC2::Volume'].push({
        accountId: ACCOUNT,
        region,
        VolumeId: volumeId,
        Size: size,
        VolumeType: 'gp3',
        Iops: 3000,
        Throughput: 125,
        AvailabilityZone: zone,
        State: 'in-use',
        Encrypted: true,
        KmsKeyId: `arn:aws:kms:${region}:${ACCOUNT}:key/00000000-0000-4000-8000-000000000001`,
        CreateTime: launched,
        SnapshotId: 'snap-0123456789abcdef0',
        MultiAttachEnabled: false,
        Attachments: [{ AttachTime: launched, Device: device, InstanceId: id, State: 'attached', VolumeId: volumeId, DeleteOnTermination: deleteOnTermination }],
        Tags: [{ Key: 'Name', Value: `${name}-${device.split('/').pop()}` }],
      });
    volume(rootVolume, '/dev/xvda', 20, true);
    if (options.dataVolume) {
      const volumeId = `vol-${hex(next())}`;
      mappings.push({ DeviceName: '/dev/sdf', Ebs: { AttachTime: launched, DeleteOnTermination: false, Status: 'attached', VolumeId: volumeId } });
      volume(volumeId, '/dev/sdf', 200, false);
    }
    const eni = `eni-${hex(next())}`;
    const tags = [
      { Key: 'Name', Value: name },
      { Key: 'team', Value: `team-${n % 7}` },
      { Key: 'env', Value: 'production' },
      ...(options.app ? [{ Key: 'app', Value: options.app }] : []),
      ...(options.group ? [{ Key: 'aws:autoscaling:groupName', Value: options.group }] : []),
    ];
    const publicIp = options.eip ? `52.${REGIONS.indexOf(region)}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}` : undefined;
    const record = {
      accountId: ACCOUNT,
      region,
      AmiLaunchIndex: 0,
      Architecture: 'x86_64',
      BlockDeviceMappings: mappings,
      ClientToken: `terraform-${hex(n, 26)}`,
      EbsOptimized: true,
      EnaSupport: true,
      Hypervisor: 'xen',
      IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${options.app ?? name}-profile`, Id: `AIPA${hex(n, 17).toUpperCase()}` },
      ImageId: 'ami-0abcdef1234567890',
      InstanceId: id,
      InstanceType: options.type ?? 'm5.large',
      KeyName: 'ops',
      LaunchTime: launched,
      MaintenanceOptions: { AutoRecovery: 'default' },
      MetadataOptions: { HttpEndpoint: 'enabled', HttpProtocolIpv6: 'disabled', HttpPutResponseHopLimit: 2, HttpTokens: 'required', InstanceMetadataTags: 'disabled', State: 'applied' },
      Monitoring: { State: n % 5 === 0 ? 'enabled' : 'disabled' },
      NetworkInterfaces: [
        {
          Attachment: { AttachTime: launched, AttachmentId: `eni-attach-${hex(n)}`, DeleteOnTermination: true, DeviceIndex: 0, Status: 'attached', NetworkCardIndex: 0 },
          Description: '',
          Groups: options.securityGroups,
          InterfaceType: 'interface',
          Ipv6Addresses: [],
          MacAddress: `0a:${hex(n, 10).match(/../g).join(':')}`,
          NetworkInterfaceId: eni,
          OwnerId: ACCOUNT,
          PrivateDnsName: dns,
          PrivateIpAddress: ip,
          PrivateIpAddresses: [{ Primary: true, PrivateDnsName: dns, PrivateIpAddress: ip, ...(publicIp ? { Association: { IpOwnerId: ACCOUNT, PublicDnsName: '', PublicIp: publicIp } } : {}) }],
          SourceDestCheck: true,
          Status: 'in-use',
          SubnetId: subnetId,
          VpcId: network.get(region).vpcId,
        },
      ],
      Placement: { AvailabilityZone: zone, GroupName: '', Tenancy: 'default' },
      PlatformDetails: 'Linux/UNIX',
      PrivateDnsName: dns,
      PrivateIpAddress: ip,
      ProductCodes: [],
      PublicDnsName: '',
      ...(publicIp ? { PublicIpAddress: publicIp } : {}),
      RootDeviceName: '/dev/xvda',
      RootDeviceType: 'ebs',
      SecurityGroups: options.securityGroups,
      SourceDestCheck: true,
      State: { Code: 16, Name: 'running' },
      StateTransitionReason: '',
      SubnetId: subnetId,
      Tags: tags,
      VirtualizationType: 'hvm',
      VpcId: network.get(region).vpcId,
    };
    r['AWS::EC2::Instance'].push(record);
    if (publicIp) r['AWS::EC2::EIP'].push({ accountId: ACCOUNT, region, AllocationId: `eipalloc-${hex(next())}`, AssociationId: `eipassoc-${hex(next())}`, Domain: 'vpc', InstanceId: id, NetworkInterfaceId: eni, NetworkInterfaceOwnerId: ACCOUNT, PrivateIpAddress: ip, PublicIp: publicIp, PublicIpv4Pool: 'amazon', NetworkBorderGroup: region });
    return record;
  };

  const targetGroupByArn = new Map();
  const targetGroup = (region, name, members) => {
    const arn = `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:targetgroup/${name}/${hex(next(), 16)}`;
    const record = {
      accountId: ACCOUNT,
      region,
      TargetGroupArn: arn,
      TargetGroupName: name,
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: network.get(region).vpcId,
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 3,
      HealthCheckPath: '/healthz',
      Matcher: { HttpCode: '200-399' },
      LoadBalancerArns: [],
      TargetType: 'instance',
      ProtocolVersion: 'HTTP1',
      IpAddressType: 'ipv4',
      TargetHealthDescriptions: members.map((m) => ({ Target: { Id: m.InstanceId, Port: 8080 }, HealthCheckPort: '8080', TargetHealth: { State: 'healthy' } })),
      Attributes: [
        { Key: 'deregistration_delay.timeout_seconds', Value: '30' },
        { Key: 'stickiness.enabled', Value: 'false' },
        { Key: 'load_balancing.cross_zone.enabled', Value: 'use_load_balancer_configuration' },
      ],
    };
    r['AWS::ElasticLoadBalancingV2::TargetGroup'].push(record);
    targetGroupByArn.set(arn, record);
    return arn;
  };

  const targetGroups = new Map(REGIONS.map((region) => [region, []]));
  const classics = new Map(REGIONS.map((region) => [region, []]));
  const groups = Math.max(1, Math.round((count * 0.6) / 6));
  const instanceGroups = Math.max(1, Math.round((count * 0.2) / 4));
  let made = 0;

  for (let g = 0; g < groups && made < count; g++) {
    const region = REGIONS[g % REGIONS.length];
    const name = `svc-${g}`;
    const sg = securityGroup(region, `${name}-sg`, [8080]);
    const size = Math.min(6, count - made);
    const members = [];
    for (let i = 0; i < size; i++) members.push(instance(region, i % 3, `${name}-${i}`, { group: name, app: name, securityGroups: [sg] }));
    made += size;
    const ltId = `lt-${hex(next())}`;
    r['AWS::EC2::LaunchTemplate'].push({ accountId: ACCOUNT, region, LaunchTemplateId: ltId, LaunchTemplateName: `${name}-lt`, CreateTime: '2025-01-01T00:00:00.000Z', CreatedBy: `arn:aws:iam::${ACCOUNT}:user/ops`, DefaultVersionNumber: 1, LatestVersionNumber: 3 });
    const useClassic = g % 10 === 9;
    const group = {
      accountId: ACCOUNT,
      region,
      AutoScalingGroupName: name,
      AutoScalingGroupARN: `arn:aws:autoscaling:${region}:${ACCOUNT}:autoScalingGroup:${hex(next(), 8)}-0000-4000-8000-${hex(g, 12)}:autoScalingGroupName/${name}`,
      LaunchTemplate: { LaunchTemplateId: ltId, LaunchTemplateName: `${name}-lt`, Version: '$Latest' },
      MinSize: g % 8 === 0 ? 1 : 2,
      MaxSize: 12,
      DesiredCapacity: size,
      DefaultCooldown: 300,
      AvailabilityZones: ZONE_SUFFIXES.map((s) => `${region}${s}`),
      LoadBalancerNames: [],
      TargetGroupARNs: [],
      HealthCheckType: g % 4 === 0 ? 'EC2' : 'ELB',
      HealthCheckGracePeriod: 300,
      Instances: members.map((m) => ({ InstanceId: m.InstanceId, InstanceType: m.InstanceType, AvailabilityZone: m.Placement.AvailabilityZone, LifecycleState: 'InService', HealthStatus: 'Healthy', LaunchTemplate: { LaunchTemplateId: ltId, LaunchTemplateName: `${name}-lt`, Version: '3' }, ProtectedFromScaleIn: false })),
      CreatedTime: '2025-01-01T00:00:00.000Z',
      SuspendedProcesses: [],
      VPCZoneIdentifier: network.get(region).subnets.map((s) => s.subnetId).join(','),
      EnabledMetrics: [],
      Tags: [{ Key: 'app', Value: name, PropagateAtLaunch: true, ResourceId: name, ResourceType: 'auto-scaling-group' }],
      TerminationPolicies: ['Default'],
      NewInstancesProtectedFromScaleIn: false,
      ServiceLinkedRoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      CapacityRebalance: false,
      TrafficSources: [],
    };
    if (useClassic) {
      group.LoadBalancerNames = [`${name}-clb`];
      classics.get(region).push({ name: `${name}-clb`, members, sg });
    } else {
      const arn = targetGroup(region, `${name}-tg`, members);
      group.TargetGroupARNs = [arn];
      targetGroups.get(region).push(arn);
    }
    r['AWS::AutoScaling::AutoScalingGroup'].push(group);
  }

  for (let g = 0; g < instanceGroups && made < count; g++) {
    const region = REGIONS[g % REGIONS.length];
    const name = `app-${g}`;
    const sg = securityGroup(region, `${name}-sg`, [8080]);
    const size = Math.min(4, count - made);
    const members = [];
    for (let i = 0; i < size; i++) members.push(instance(region, (g + i) % 3, `${name}-${i + 1}`, { app: name, securityGroups: [sg] }));
    made += size;
    targetGroups.get(region).push(targetGroup(region, `${name}-tg`, members));
  }

  // Standalone hosts share a security group per ten hosts and role, as teams tend to.
  const hostGroups = new Map();
  for (let n = 0; made < count; n++, made++) {
    const region = REGIONS[n % REGIONS.length];
    const database = n % 3 === 0;
    const sgKey = `${region}|${database}|${Math.floor(n / 30)}`;
    if (!hostGroups.has(sgKey)) hostGroups.set(sgKey, securityGroup(region, `${database ? 'db' : 'host'}-${Math.floor(n / 30)}-sg`, database ? [5432] : [22, 443]));
    const sg = hostGroups.get(sgKey);
    instance(region, n % 3, database ? `db-${n}` : `host-${n}`, { eip: n % 4 === 0, dataVolume: database, securityGroups: [sg], type: database ? 'r5.xlarge' : 't3.medium' });
  }

  // Load balancers: one per 4 target groups, every fifth a network load balancer.
  for (const region of REGIONS) {
    const arns = targetGroups.get(region);
    for (let i = 0; i * 4 < arns.length; i++) {
      const forwarded = arns.slice(i * 4, i * 4 + 4);
      const network_ = i % 5 === 4;
      const name = `${network_ ? 'nlb' : 'alb'}-${region}-${i}`;
      const lbArn = `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/${network_ ? 'net' : 'app'}/${name}/${hex(next(), 16)}`;
      const zones = network.get(region).subnets.map((s, zi) => ({ ZoneName: s.zone, SubnetId: s.subnetId, LoadBalancerAddresses: network_ ? [{ IpAddress: `10.${REGIONS.indexOf(region)}.${zi}.9` }] : [] }));
      r['AWS::ElasticLoadBalancingV2::LoadBalancer'].push({
        accountId: ACCOUNT,
        region,
        LoadBalancerArn: lbArn,
        DNSName: `${name}-${i}.${region}.elb.amazonaws.com`,
        CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
        CreatedTime: '2025-01-01T00:00:00.000Z',
        LoadBalancerName: name,
        Scheme: 'internet-facing',
        VpcId: network.get(region).vpcId,
        State: { Code: 'active' },
        Type: network_ ? 'network' : 'application',
        AvailabilityZones: zones,
        SecurityGroups: [],
        IpAddressType: 'ipv4',
        Attributes: [
          { Key: 'deletion_protection.enabled', Value: 'true' },
          { Key: 'load_balancing.cross_zone.enabled', Value: network_ ? 'false' : 'true' },
          { Key: 'idle_timeout.timeout_seconds', Value: '60' },
        ],
      });
      for (const arn of forwarded) targetGroupByArn.get(arn).LoadBalancerArns.push(lbArn);
      const listenerArn = lbArn.replace(':loadbalancer/', ':listener/') + `/${hex(next(), 16)}`;
      r['AWS::ElasticLoadBalancingV2::Listener'].push({ accountId: ACCOUNT, region, ListenerArn: listenerArn, LoadBalancerArn: lbArn, Port: network_ ? 443 : 80, Protocol: network_ ? 'TCP' : 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: forwarded[0], ForwardConfig: { TargetGroups: [{ TargetGroupArn: forwarded[0], Weight: 1 }] } }] });
      if (!network_) {
        forwarded.slice(1).forEach((arn, k) => {
          r['AWS::ElasticLoadBalancingV2::ListenerRule'].push({
            accountId: ACCOUNT,
            region,
            RuleArn: `${listenerArn.replace(':listener/', ':listener-rule/')}/${hex(next(), 16)}`,
            Priority: String(k + 1),
            Conditions: [{ Field: 'path-pattern', Values: [`/svc${k + 1}/*`], PathPatternConfig: { Values: [`/svc${k + 1}/*`] } }],
            Actions: [{ Type: 'forward', TargetGroupArn: arn, Order: 1, ForwardConfig: { TargetGroups: [{ TargetGroupArn: arn, Weight: 1 }] } }],
            IsDefault: false,
          });
        });
      }
    }
    for (const { name, members, sg } of classics.get(region)) {
      r['AWS::ElasticLoadBalancing::LoadBalancer'].push({
        accountId: ACCOUNT,
        region,
        LoadBalancerName: name,
        DNSName: `${name}.${region}.elb.amazonaws.com`,
        CanonicalHostedZoneNameID: 'Z35SXDOTRQ7X7K',
        ListenerDescriptions: [{ Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }, PolicyNames: [] }],
        Policies: { AppCookieStickinessPolicies: [], LBCookieStickinessPolicies: [], OtherPolicies: [] },
        BackendServerDescriptions: [],
        AvailabilityZones: ZONE_SUFFIXES.map((s) => `${region}${s}`),
        Subnets: network.get(region).subnets.map((s) => s.subnetId),
        VPCId: network.get(region).vpcId,
        Instances: members.map((m) => ({ InstanceId: m.InstanceId })),
        HealthCheck: { Target: 'HTTP:8080/healthz', Interval: 15, Timeout: 5, UnhealthyThreshold: 3, HealthyThreshold: 3 },
        SourceSecurityGroup: { OwnerAlias: ACCOUNT, GroupName: sg.GroupName },
        SecurityGroups: [sg.GroupId],
        CreatedTime: '2025-01-01T00:00:00.000Z',
        Scheme: 'internet-facing',
        InstanceStates: members.map((m) => ({ InstanceId: m.InstanceId, State: 'InService', ReasonCode: 'N/A', Description: 'N/A' })),
        LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: true }, ConnectionDraining: { Enabled: true, Timeout: 300 }, ConnectionSettings: { IdleTimeout: 60 }, AccessLog: { Enabled: false } },
      });
    }
  }

  return {
    schemaVersion: 1,
    tool: { name: 'kubelift', version: 'bench' },
    generatedAt: GENERATED_AT,
    source: { kind: 'scan', accounts: [ACCOUNT], regions: [...REGIONS], includesUserData: false },
    coverage: REGIONS.flatMap((region) => ['autoscaling', 'ec2', 'elb', 'elbv2'].map((service) => ({ accountId: ACCOUNT, region, service, status: 'ok' }))),
    resources: r,
    instanceTypes: REGIONS.flatMap((region) => [
      { region, InstanceType: 'm5.large', VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 8192 } },
      { region, InstanceType: 'r5.xlarge', VCpuInfo: { DefaultVCpus: 4 }, MemoryInfo: { SizeInMiB: 32768 } },
      { region, InstanceType: 't3.medium', VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 4096 } },
    ]),
    availabilityZones,
  };
}
