/** EC2 building blocks: a VPC with subnets, instances, volumes, Elastic IPs, launch templates. */
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachVolumeCommand,
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  RunInstancesCommand,
  type _InstanceType,
  type Tag,
} from '@aws-sdk/client-ec2';
import type { SeedClients } from './clients.js';

export interface SeededVpc {
  vpcId: string;
  securityGroupId: string;
  subnets: { subnetId: string; zone: string }[];
}

const tagSpec = (type: 'instance' | 'volume' | 'launch-template' | 'vpc' | 'subnet' | 'security-group', tags: Record<string, string> | undefined) =>
  tags && Object.keys(tags).length > 0 ? [{ ResourceType: type, Tags: Object.entries(tags).map(([Key, Value]): Tag => ({ Key, Value })) }] : undefined;

/**
 * A VPC (a /16) with one subnet per zone suffix (a, b, c…) and a security
 * group. Subnets are /24 (251 addresses) unless `subnetMask` says otherwise:
 * use /20 for estates of hundreds of instances per subnet.
 */
export async function seedVpc(c: SeedClients, options: { cidr?: string; zones?: string[]; name?: string; subnetMask?: number } = {}): Promise<SeededVpc> {
  const cidr = options.cidr ?? '10.0.0.0/16';
  const prefix = cidr.split('.').slice(0, 2).join('.');
  const vpc = await c.ec2.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: tagSpec('vpc', options.name ? { Name: options.name } : undefined) }));
  const vpcId = vpc.Vpc!.VpcId!;
  const subnets: SeededVpc['subnets'] = [];
  const zones = options.zones ?? ['a', 'b', 'c'];
  const mask = options.subnetMask ?? 24;
  const step = 2 ** (24 - mask);
  for (const [i, suffix] of zones.entries()) {
    const zone = `${c.region}${suffix}`;
    const subnet = await c.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `${prefix}.${i * step}.0/${mask}`, AvailabilityZone: zone }));
    subnets.push({ subnetId: subnet.Subnet!.SubnetId!, zone });
  }
  const sg = await c.ec2.send(new CreateSecurityGroupCommand({ GroupName: `web-${vpcId}`, Description: 'web', VpcId: vpcId }));
  return { vpcId, securityGroupId: sg.GroupId!, subnets };
}

export interface InstanceOptions {
  subnetId: string;
  count?: number;
  instanceType?: string;
  imageId?: string;
  /** Plain text; encoded to base64 here. */
  userData?: string;
  tags?: Record<string, string>;
  securityGroupIds?: string[];
  /**
   * One reservation per instance (one RunInstances call each): moto pages
   * DescribeInstances by reservation, so this is how to get several pages.
   */
  separateReservations?: boolean;
}

/** Runs instances; returns their ids in launch order. */
export async function seedInstances(c: SeedClients, options: InstanceOptions): Promise<string[]> {
  const count = options.count ?? 1;
  const run = async (n: number): Promise<string[]> => {
    const out = await c.ec2.send(
      new RunInstancesCommand({
        ImageId: options.imageId ?? 'ami-12c6146b',
        InstanceType: (options.instanceType ?? 't3.micro') as _InstanceType,
        MinCount: n,
        MaxCount: n,
        SubnetId: options.subnetId,
        SecurityGroupIds: options.securityGroupIds,
        UserData: options.userData === undefined ? undefined : Buffer.from(options.userData).toString('base64'),
        TagSpecifications: tagSpec('instance', options.tags),
      }),
    );
    return (out.Instances ?? []).map((i) => i.InstanceId!);
  };
  if (!options.separateReservations) return run(count);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(...(await run(1)));
  return ids;
}

/** An EBS volume attached to an instance. */
export async function seedVolume(c: SeedClients, options: { instanceId: string; zone: string; sizeGiB?: number; device?: string; volumeType?: string }): Promise<string> {
  const volume = await c.ec2.send(new CreateVolumeCommand({ AvailabilityZone: options.zone, Size: options.sizeGiB ?? 100, VolumeType: (options.volumeType ?? 'gp3') as never }));
  await c.ec2.send(new AttachVolumeCommand({ VolumeId: volume.VolumeId!, InstanceId: options.instanceId, Device: options.device ?? '/dev/sdf' }));
  return volume.VolumeId!;
}

/** An Elastic IP associated with an instance. */
export async function seedElasticIp(c: SeedClients, instanceId: string): Promise<{ allocationId: string; publicIp: string }> {
  const address = await c.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  await c.ec2.send(new AssociateAddressCommand({ AllocationId: address.AllocationId!, InstanceId: instanceId }));
  return { allocationId: address.AllocationId!, publicIp: address.PublicIp! };
}

/** A launch template; `versions` adds more versions after the first, each with its own instance type. */
export async function seedLaunchTemplate(
  c: SeedClients,
  options: { name: string; instanceType?: string; imageId?: string; userData?: string; securityGroupIds?: string[]; versions?: { instanceType: string }[] },
): Promise<{ launchTemplateId: string; latestVersion: number }> {
  const created = await c.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: options.name,
      LaunchTemplateData: {
        ImageId: options.imageId ?? 'ami-12c6146b',
        InstanceType: (options.instanceType ?? 't3.small') as _InstanceType,
        SecurityGroupIds: options.securityGroupIds,
        UserData: options.userData === undefined ? undefined : Buffer.from(options.userData).toString('base64'),
      },
    }),
  );
  const launchTemplateId = created.LaunchTemplate!.LaunchTemplateId!;
  let latestVersion = 1;
  for (const version of options.versions ?? []) {
    const out = await c.ec2.send(
      new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: launchTemplateId, SourceVersion: '1', LaunchTemplateData: { InstanceType: version.instanceType as _InstanceType } }),
    );
    latestVersion = out.LaunchTemplateVersion!.VersionNumber!;
  }
  return { launchTemplateId, latestVersion };
}
