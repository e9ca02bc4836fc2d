/**
 * EC2: instances (every state, flattened from reservations, each with the
 * AMI it was launched from), volumes, subnets, VPCs, security groups,
 * Elastic IPs, launch templates, and the Availability Zones. `completeEc2`
 * runs once Auto Scaling is read: it adds the launch template versions the
 * groups use and the instance types in use.
 */
import { createEc2Port, describeAwsError, type AwsTarget, type Ec2Port } from '../aws/index.js';
import { imageSummary, instanceTypesInUse, usedTemplateVersions } from '../snapshot/enrich.js';
import type { ResourceType } from '../snapshot/types.js';
import { mapSettled } from './settle.js';
import type { CollectContext, Collector, RawResource, ServiceOutput } from './types.js';
import { applyUserDataPolicy, userDataText } from './user-data.js';

const INSTANCE: ResourceType = 'AWS::EC2::Instance';
const LAUNCH_TEMPLATE: ResourceType = 'AWS::EC2::LaunchTemplate';

export const ec2Collector: Collector = {
  service: 'ec2',
  resourceTypes: [INSTANCE, 'AWS::EC2::Volume', 'AWS::EC2::SecurityGroup', 'AWS::EC2::Subnet', 'AWS::EC2::VPC', 'AWS::EC2::EIP', LAUNCH_TEMPLATE],
  permissions: [
    'ec2:DescribeAddresses',
    'ec2:DescribeAvailabilityZones',
    'ec2:DescribeImages',
    // Only with --include-user-data.
    'ec2:DescribeInstanceAttribute',
    'ec2:DescribeInstanceTypes',
    'ec2:DescribeInstances',
    'ec2:DescribeLaunchTemplateVersions',
    'ec2:DescribeLaunchTemplates',
    // Only with --all-regions.
    'ec2:DescribeRegions',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeSubnets',
    'ec2:DescribeVolumes',
    'ec2:DescribeVpcs',
  ],
  collect: (target, context) => collectEc2(createEc2Port(target), context),
};

/** Instances with the fields of their reservation that say who launched them. */
export function flattenReservations(reservations: readonly Record<string, unknown>[]): RawResource[] {
  const out: RawResource[] = [];
  for (const reservation of reservations) {
    const instances = (reservation.Instances as RawResource[] | undefined) ?? [];
    for (const instance of instances) {
      const flat: RawResource = { ...instance, ReservationId: reservation.ReservationId, OwnerId: reservation.OwnerId };
      out.push(flat);
    }
  }
  return out;
}

const asRaw = <T>(list: readonly T[]): RawResource[] => list.map((item) => ({ ...(item as RawResource) }));

/** The EC2 part of a scan, over a port (tests pass a stubbed one). */
export async function collectEc2(ec2: Ec2Port, context: CollectContext): Promise<ServiceOutput> {
  const list = async (type: ResourceType, step: string, fetch: () => Promise<RawResource[]>): Promise<RawResource[] | undefined> => {
    const items = await context.attempt(step, [type], fetch);
    if (items) context.progress(type, items.length);
    return items;
  };
  const [instances, volumes, subnets, vpcs, securityGroups, addresses, launchTemplates, zones] = await Promise.all([
    list(INSTANCE, 'DescribeInstances', async () => flattenReservations(asRaw(await ec2.describeInstances()))),
    list('AWS::EC2::Volume', 'DescribeVolumes', async () => asRaw(await ec2.describeVolumes())),
    list('AWS::EC2::Subnet', 'DescribeSubnets', async () => asRaw(await ec2.describeSubnets())),
    list('AWS::EC2::VPC', 'DescribeVpcs', async () => asRaw(await ec2.describeVpcs())),
    list('AWS::EC2::SecurityGroup', 'DescribeSecurityGroups', async () => asRaw(await ec2.describeSecurityGroups())),
    list('AWS::EC2::EIP', 'DescribeAddresses', async () => asRaw(await ec2.describeAddresses())),
    list(LAUNCH_TEMPLATE, 'DescribeLaunchTemplates', async () => asRaw(await ec2.describeLaunchTemplates())),
    context.attempt('DescribeAvailabilityZones', [], async () => asRaw(await ec2.describeAvailabilityZones())),
  ]);

  if (instances) {
    // Both only add fields to the instances, so they run side by side.
    await Promise.all([attachImages(ec2, context, instances), context.includeUserData ? attachUserData(ec2, context, instances) : undefined]);
  }

  const resources: ServiceOutput['resources'] = {};
  if (instances) resources[INSTANCE] = instances;
  if (volumes) resources['AWS::EC2::Volume'] = volumes;
  if (subnets) resources['AWS::EC2::Subnet'] = subnets;
  if (vpcs) resources['AWS::EC2::VPC'] = vpcs;
  if (securityGroups) resources['AWS::EC2::SecurityGroup'] = securityGroups;
  if (addresses) resources['AWS::EC2::EIP'] = addresses;
  if (launchTemplates) resources[LAUNCH_TEMPLATE] = launchTemplates;
  const output: ServiceOutput = { resources };
  if (zones) output.availabilityZones = zones;
  return output;
}

/**
 * Describes the AMIs the instances were launched from and puts each on its
 * instances. An AMI AWS no longer describes (deregistered, no longer shared)
 * leaves its instances without `Image`; a failed call is a gap that leaves
 * no resource type incomplete.
 */
async function attachImages(ec2: Ec2Port, context: CollectContext, instances: RawResource[]): Promise<void> {
  const ids = [...new Set(instances.map((i) => i.ImageId).filter((id): id is string => typeof id === 'string' && id !== ''))].sort();
  if (ids.length === 0) return;
  const images = await context.attempt('DescribeImages', [], () => ec2.describeImages(ids));
  if (!images) return;
  const byId = new Map(asRaw(images).map((image) => [String(image.ImageId), imageSummary(image)]));
  for (const instance of instances) {
    const image = typeof instance.ImageId === 'string' ? byId.get(instance.ImageId) : undefined;
    if (image) instance.Image = { ...image };
  }
}

/** Instances whose user data can still be read. */
const hasUserDataToRead = (instance: RawResource): boolean => {
  const state = (instance.State as { Name?: string } | undefined)?.Name;
  return state !== 'terminated' && state !== 'shutting-down';
};

async function attachUserData(ec2: Ec2Port, context: CollectContext, instances: RawResource[]): Promise<void> {
  const live = instances.filter(hasUserDataToRead);
  const found = await context.attempt('DescribeInstanceAttribute', [], () => mapSettled(live, (i) => ec2.describeInstanceUserData(String(i.InstanceId))));
  if (!found) return;
  for (const [instance, base64] of found) if (base64) instance.UserData = userDataText(base64);
}

/** What `completeEc2` needs from the Auto Scaling collector; undefined fields were not collected. */
export interface AutoScalingFacts {
  groups?: readonly RawResource[];
  launchConfigurations?: readonly RawResource[];
}

/**
 * The second EC2 pass, after Auto Scaling: the launch template versions the
 * groups use (on each template as `Versions`), and the instance types in use.
 * `asg` is undefined when the Auto Scaling groups could not be read.
 */
export async function completeEc2(target: AwsTarget, context: CollectContext, output: ServiceOutput, asg: AutoScalingFacts | undefined): Promise<void> {
  await completeEc2WithPort(createEc2Port(target), context, output, asg);
}

export async function completeEc2WithPort(ec2: Ec2Port, context: CollectContext, output: ServiceOutput, asg: AutoScalingFacts | undefined): Promise<void> {
  const templates = output.resources[LAUNCH_TEMPLATE];
  if (templates && templates.length > 0) {
    if (!asg?.groups) {
      context.fail({
        step: 'DescribeLaunchTemplateVersions',
        code: 'DependencyFailed',
        message: 'the launch template versions Auto Scaling groups use are unknown because the groups could not be read',
        missing: [LAUNCH_TEMPLATE],
      });
    } else {
      const used = usedTemplateVersions(asg.groups, templates);
      const byId = new Map(templates.map((t) => [String(t.LaunchTemplateId), t]));
      const ids = [...used.keys()].sort();
      const versions = await context.attempt('DescribeLaunchTemplateVersions', [LAUNCH_TEMPLATE], () =>
        mapSettled(ids, (id) => ec2.describeLaunchTemplateVersions(id, [...used.get(id)!].sort())),
      );
      if (versions) {
        for (const template of templates) template.Versions = [];
        for (const [id, list] of versions) {
          const unique = new Map<number, RawResource>();
          for (const version of list) {
            const raw = { ...(version as RawResource) };
            if (raw.LaunchTemplateData && typeof raw.LaunchTemplateData === 'object') {
              raw.LaunchTemplateData = { ...(raw.LaunchTemplateData as RawResource) };
              applyUserDataPolicy(raw.LaunchTemplateData as RawResource, context.includeUserData);
            }
            unique.set(Number(raw.VersionNumber), raw);
          }
          byId.get(id)!.Versions = [...unique.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
        }
      }
    }
  }

  const types = instanceTypesInUse(output.resources[INSTANCE] ?? [], asg ?? {}, templates ?? []);
  if (types.length === 0) {
    output.instanceTypes = [];
    return;
  }
  const infos = await context.attempt('DescribeInstanceTypes', [], () => describeKnownInstanceTypes(ec2, types));
  if (infos) output.instanceTypes = infos;
}

/**
 * DescribeInstanceTypes fails a whole call on one unknown name (a type AWS
 * retired, a typo in a launch configuration); then each name is asked alone
 * and the unknown ones are left out.
 */
async function describeKnownInstanceTypes(ec2: Ec2Port, types: readonly string[]): Promise<RawResource[]> {
  try {
    return asRaw(await ec2.describeInstanceTypes(types));
  } catch (error) {
    if (describeAwsError(error)?.code !== 'InvalidInstanceType') throw error;
    const out: RawResource[] = [];
    for (const type of types) {
      try {
        out.push(...asRaw(await ec2.describeInstanceTypes([type])));
      } catch (inner) {
        if (describeAwsError(inner)?.code !== 'InvalidInstanceType') throw inner;
      }
    }
    return out;
  }
}
