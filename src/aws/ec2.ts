/**
 * The EC2 port: the read-only EC2 calls a scan makes, each returning a whole
 * list (every page followed, at the largest page size the API allows).
 */
import {
  DescribeAddressesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstanceTypesCommand,
  DescribeRegionsCommand,
  EC2Client,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVolumes,
  paginateDescribeVpcs,
  type Address,
  type AvailabilityZone,
  type InstanceTypeInfo,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  type Region,
  type Reservation,
  type SecurityGroup,
  type Subnet,
  type Volume,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { chunk, clientConfig, collectPages, instrument, type AwsTarget } from './clients.js';

export type { Address, AvailabilityZone, InstanceTypeInfo, LaunchTemplate, LaunchTemplateVersion, Region, Reservation, SecurityGroup, Subnet, Volume, Vpc };
export type { Instance } from '@aws-sdk/client-ec2';

/** The largest page each API accepts (AWS API reference). */
export const EC2_PAGE_SIZE = {
  DescribeInstances: 1000,
  DescribeVolumes: 1000,
  DescribeSubnets: 1000,
  DescribeVpcs: 1000,
  DescribeSecurityGroups: 1000,
  // moto truncates these two to MaxResults (default 15) without a NextToken, so it must always be sent.
  DescribeLaunchTemplates: 200,
  DescribeLaunchTemplateVersions: 200,
  /** Instance type names per DescribeInstanceTypes call. */
  DescribeInstanceTypes: 100,
} as const;

export interface Ec2Port {
  describeInstances(): Promise<Reservation[]>;
  describeVolumes(): Promise<Volume[]>;
  describeSubnets(): Promise<Subnet[]>;
  describeVpcs(): Promise<Vpc[]>;
  describeSecurityGroups(): Promise<SecurityGroup[]>;
  describeAddresses(): Promise<Address[]>;
  describeLaunchTemplates(): Promise<LaunchTemplate[]>;
  /** Versions of one template: numbers, `$Latest` or `$Default`. */
  describeLaunchTemplateVersions(launchTemplateId: string, versions: readonly string[]): Promise<LaunchTemplateVersion[]>;
  describeInstanceTypes(instanceTypes: readonly string[]): Promise<InstanceTypeInfo[]>;
  describeAvailabilityZones(): Promise<AvailabilityZone[]>;
  describeRegions(): Promise<Region[]>;
  /** The instance's user data, still base64-encoded; undefined when it has none. */
  describeInstanceUserData(instanceId: string): Promise<string | undefined>;
}

/** An EC2 port over a client (a real one, or one whose `send` a test replaced). */
/** Page sizes to use; smaller ones exist only so tests can make moto return several pages. */
export type Ec2PageSizes = { -readonly [K in keyof typeof EC2_PAGE_SIZE]: number };

export function ec2PortOf(client: EC2Client, sizes: Ec2PageSizes = EC2_PAGE_SIZE): Ec2Port {
  const cfg = (pageSize: number) => ({ client, pageSize, stopOnSameToken: true });
  return {
    describeInstances: () => collectPages(paginateDescribeInstances(cfg(sizes.DescribeInstances), {}), (p) => p.Reservations),
    describeVolumes: () => collectPages(paginateDescribeVolumes(cfg(sizes.DescribeVolumes), {}), (p) => p.Volumes),
    describeSubnets: () => collectPages(paginateDescribeSubnets(cfg(sizes.DescribeSubnets), {}), (p) => p.Subnets),
    describeVpcs: () => collectPages(paginateDescribeVpcs(cfg(sizes.DescribeVpcs), {}), (p) => p.Vpcs),
    describeSecurityGroups: () => collectPages(paginateDescribeSecurityGroups(cfg(sizes.DescribeSecurityGroups), {}), (p) => p.SecurityGroups),
    describeAddresses: async () => (await client.send(new DescribeAddressesCommand({}))).Addresses ?? [],
    describeLaunchTemplates: () => collectPages(paginateDescribeLaunchTemplates(cfg(sizes.DescribeLaunchTemplates), {}), (p) => p.LaunchTemplates),
    describeLaunchTemplateVersions: (launchTemplateId, versions) =>
      collectPages(
        paginateDescribeLaunchTemplateVersions(cfg(sizes.DescribeLaunchTemplateVersions), { LaunchTemplateId: launchTemplateId, Versions: [...versions] }),
        (p) => p.LaunchTemplateVersions,
      ),
    describeInstanceTypes: async (instanceTypes) => {
      const out: InstanceTypeInfo[] = [];
      for (const names of chunk([...new Set(instanceTypes)].sort(), sizes.DescribeInstanceTypes)) {
        let token: string | undefined;
        do {
          const page = await client.send(new DescribeInstanceTypesCommand({ InstanceTypes: names as never[], NextToken: token }));
          out.push(...(page.InstanceTypes ?? []));
          token = page.NextToken || undefined;
        } while (token);
      }
      return out;
    },
    describeAvailabilityZones: async () => (await client.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones ?? [],
    describeRegions: async () => (await client.send(new DescribeRegionsCommand({}))).Regions ?? [],
    describeInstanceUserData: async (instanceId) => {
      const out = await client.send(new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }));
      return out.UserData?.Value || undefined;
    },
  };
}

/** The EC2 port of one account and region. */
export function createEc2Port(target: AwsTarget, sizes?: Ec2PageSizes): Ec2Port {
  return ec2PortOf(instrument(new EC2Client(clientConfig(target)), 'ec2', target), sizes);
}
