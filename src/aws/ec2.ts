/**
 * The EC2 port: the read-only EC2 calls a scan makes, each returning a whole
 * list (every page followed, at the largest page size the API allows).
 */
import {
  DescribeAddressesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
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
  type Image,
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
import { describeAwsError } from './aws-error.js';
import { chunk, clientConfig, collectPages, instrument, type AwsTarget } from './clients.js';

export type { Address, AvailabilityZone, Image, InstanceTypeInfo, LaunchTemplate, LaunchTemplateVersion, Region, Reservation, SecurityGroup, Subnet, Volume, Vpc };
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
  /** Image ids per DescribeImages call (with ImageIds the API takes no MaxResults and answers them whole). */
  DescribeImages: 100,
} as const;

/**
 * What DescribeImages answers, for the whole call, when one of the ids is
 * unknown to the caller: deregistered, no longer shared, never existed, or
 * not an AMI id at all.
 */
export const UNKNOWN_IMAGE_CODES: ReadonlySet<string> = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable', 'InvalidAMIID.Malformed']);

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
  /** The images of these ids the caller can see; ids AWS does not know (see UNKNOWN_IMAGE_CODES) are left out. */
  describeImages(imageIds: readonly string[]): Promise<Image[]>;
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
    describeImages: async (imageIds) => {
      const out: Image[] = [];
      for (const ids of chunk([...new Set(imageIds)].sort(), sizes.DescribeImages)) out.push(...(await describeKnownImages(client, ids)));
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

/** One DescribeImages call by id (and its further pages, should AWS ever cut the answer). */
async function describeImageBatch(client: EC2Client, ids: readonly string[]): Promise<Image[]> {
  const out: Image[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new DescribeImagesCommand({ ImageIds: [...ids], NextToken: token }));
    out.push(...(page.Images ?? []));
    token = page.NextToken || undefined;
  } while (token);
  return out;
}

/**
 * DescribeImages fails a whole call when one id is unknown, and its message
 * names the unknown ids ("The image id '[ami-1, ami-2]' does not exist"):
 * those are left out and the rest asked again. When the message names none
 * of the batch, the batch is halved until each unknown id is asked alone.
 */
async function describeKnownImages(client: EC2Client, ids: readonly string[]): Promise<Image[]> {
  try {
    return await describeImageBatch(client, ids);
  } catch (error) {
    if (!UNKNOWN_IMAGE_CODES.has(describeAwsError(error)?.code ?? '')) throw error;
    if (ids.length === 1) return [];
    const named = new Set((error as Error).message.match(/ami-[0-9a-z]+/gi) ?? []);
    const rest = ids.filter((id) => !named.has(id));
    if (rest.length < ids.length) return rest.length === 0 ? [] : describeKnownImages(client, rest);
    const half = Math.ceil(ids.length / 2);
    return [...(await describeKnownImages(client, ids.slice(0, half))), ...(await describeKnownImages(client, ids.slice(half)))];
  }
}

/** The EC2 port of one account and region. */
export function createEc2Port(target: AwsTarget, sizes?: Ec2PageSizes): Ec2Port {
  return ec2PortOf(instrument(new EC2Client(clientConfig(target)), 'ec2', target), sizes);
}
