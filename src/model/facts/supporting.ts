/** Facts about the supporting resources: volumes, Elastic IPs, security groups, subnets, launch sources and group settings. */
import { objects, str } from '../aws-shapes.js';
import type { ResourceType } from '../../snapshot/types.js';
import { fact, namesOf, zoneOf, type FactDeriver } from './context.js';

const ASG = 'AWS::AutoScaling::AutoScalingGroup';

export const volumeFacts: FactDeriver = {
  type: 'AWS::EC2::Volume',
  facts: {
    zone: fact('The zone of the volume (an EBS volume lives in one zone).', 'ec2'),
    attachedInstances: fact('Ids of the instances the volume is attached to.', 'ec2'),
    root: fact('True when the volume is the root device of an instance it is attached to.', 'ec2'),
  },
  derive(node, context) {
    const instances = context.graph.out(node, 'attachedTo', 'AWS::EC2::Instance');
    const root = instances.some((i) => {
      const attachment = objects(node.resource.Attachments).find((a) => str(a.InstanceId) === i.ref.id);
      const device = str(attachment?.Device) ?? objects(i.resource.BlockDeviceMappings).find((m) => str((m.Ebs as { VolumeId?: unknown } | undefined)?.VolumeId) === node.ref.id)?.DeviceName;
      return device !== undefined && device === str(i.resource.RootDeviceName);
    });
    return { zone: zoneOf(node.resource) ?? '', attachedInstances: instances.map((i) => i.ref.id), root };
  },
};

export const elasticIpFacts: FactDeriver = {
  type: 'AWS::EC2::EIP',
  facts: {
    instance: fact('Id of the associated instance, or empty.', 'ec2'),
    instanceInASG: fact('True when the associated instance is managed by an Auto Scaling group.', 'ec2'),
  },
  derive(node, context) {
    const instance = context.graph.out(node, 'associatedWith', 'AWS::EC2::Instance')[0];
    return { instance: instance?.ref.id ?? '', instanceInASG: instance !== undefined && context.graph.out(instance, 'memberOf', ASG).length > 0 };
  },
};

export const securityGroupFacts: FactDeriver = {
  type: 'AWS::EC2::SecurityGroup',
  facts: { attachedInstances: fact('Number of instances using the group.', 'ec2') },
  derive: (node, context) => ({ attachedInstances: context.graph.countIn(node, 'protectedBy', 'AWS::EC2::Instance') }),
};

export const subnetFacts: FactDeriver = {
  type: 'AWS::EC2::Subnet',
  facts: {
    zone: fact('The zone name of the subnet.', 'ec2'),
    zoneId: fact('The zone id of the subnet.', 'ec2'),
  },
  derive: (node, context) => {
    const zone = zoneOf(node.resource) ?? '';
    return { zone, zoneId: str(node.resource.AvailabilityZoneId) ?? context.graph.zoneId(node.ref.accountId, node.ref.region, zone) ?? '' };
  },
};

/** Launch templates and configurations: which groups launch from them. */
function launchSourceFacts(type: ResourceType): FactDeriver {
  return {
    type,
    facts: { autoScalingGroups: fact('Names of the Auto Scaling groups that launch from it.', 'autoscaling') },
    derive: (node, context) => ({ autoScalingGroups: namesOf(context.graph.in(node, 'launchedFrom', ASG)) }),
  };
}

/** Scaling policies, lifecycle hooks, scheduled actions and warm pools: the group they configure. */
function groupSettingFacts(type: ResourceType): FactDeriver {
  return {
    type,
    facts: {
      autoScalingGroup: fact('Name of the Auto Scaling group it applies to.', 'autoscaling'),
      groupFound: fact('True when the Auto Scaling group it applies to is in the snapshot.', 'autoscaling'),
    },
    derive: (node, context) => {
      const group = context.graph.out(node, 'configures', ASG)[0];
      return { autoScalingGroup: group?.ref.name ?? str(node.resource.AutoScalingGroupName) ?? '', groupFound: group !== undefined };
    },
  };
}

export const supportingFacts: FactDeriver[] = [
  volumeFacts,
  elasticIpFacts,
  securityGroupFacts,
  subnetFacts,
  { type: 'AWS::EC2::VPC', facts: {}, derive: () => ({}) },
  launchSourceFacts('AWS::EC2::LaunchTemplate'),
  launchSourceFacts('AWS::AutoScaling::LaunchConfiguration'),
  groupSettingFacts('AWS::AutoScaling::ScalingPolicy'),
  groupSettingFacts('AWS::AutoScaling::LifecycleHook'),
  groupSettingFacts('AWS::AutoScaling::ScheduledAction'),
  groupSettingFacts('AWS::AutoScaling::WarmPool'),
];
