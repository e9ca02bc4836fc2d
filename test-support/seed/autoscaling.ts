/** Auto Scaling building blocks: groups, launch configurations, policies, hooks, schedules, warm pools. */
import {
  CreateAutoScalingGroupCommand,
  CreateLaunchConfigurationCommand,
  PutLifecycleHookCommand,
  PutScalingPolicyCommand,
  PutScheduledUpdateGroupActionCommand,
  PutWarmPoolCommand,
} from '@aws-sdk/client-auto-scaling';
import type { SeedClients } from './clients.js';

export interface AsgOptions {
  name: string;
  subnetIds: string[];
  min?: number;
  max?: number;
  desired?: number;
  launchTemplate?: { launchTemplateId: string; version?: string };
  launchConfigurationName?: string;
  targetGroupArns?: string[];
  loadBalancerNames?: string[];
  healthCheckType?: 'EC2' | 'ELB';
  healthCheckGracePeriod?: number;
  tags?: Record<string, string>;
}

export async function seedAsg(c: SeedClients, options: AsgOptions): Promise<string> {
  await c.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: options.name,
      MinSize: options.min ?? 1,
      MaxSize: options.max ?? 3,
      DesiredCapacity: options.desired ?? options.min ?? 1,
      VPCZoneIdentifier: options.subnetIds.join(','),
      ...(options.launchTemplate
        ? { LaunchTemplate: { LaunchTemplateId: options.launchTemplate.launchTemplateId, Version: options.launchTemplate.version ?? '$Default' } }
        : { LaunchConfigurationName: options.launchConfigurationName }),
      TargetGroupARNs: options.targetGroupArns,
      LoadBalancerNames: options.loadBalancerNames,
      HealthCheckType: options.healthCheckType,
      HealthCheckGracePeriod: options.healthCheckGracePeriod,
      Tags: options.tags ? Object.entries(options.tags).map(([Key, Value]) => ({ Key, Value, PropagateAtLaunch: true })) : undefined,
    }),
  );
  return options.name;
}

export async function seedLaunchConfiguration(c: SeedClients, options: { name: string; instanceType?: string; imageId?: string; userData?: string }): Promise<string> {
  await c.autoscaling.send(
    new CreateLaunchConfigurationCommand({
      LaunchConfigurationName: options.name,
      ImageId: options.imageId ?? 'ami-12c6146b',
      InstanceType: options.instanceType ?? 't3.micro',
      UserData: options.userData === undefined ? undefined : Buffer.from(options.userData).toString('base64'),
    }),
  );
  return options.name;
}

/** A target-tracking policy on average CPU. */
export async function seedScalingPolicy(c: SeedClients, options: { asgName: string; name: string; targetCpu?: number }): Promise<void> {
  await c.autoscaling.send(
    new PutScalingPolicyCommand({
      AutoScalingGroupName: options.asgName,
      PolicyName: options.name,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: options.targetCpu ?? 50 },
    }),
  );
}

export async function seedLifecycleHook(c: SeedClients, options: { asgName: string; name: string; transition?: string; heartbeatSeconds?: number }): Promise<void> {
  await c.autoscaling.send(
    new PutLifecycleHookCommand({
      AutoScalingGroupName: options.asgName,
      LifecycleHookName: options.name,
      LifecycleTransition: options.transition ?? 'autoscaling:EC2_INSTANCE_TERMINATING',
      HeartbeatTimeout: options.heartbeatSeconds ?? 300,
      DefaultResult: 'CONTINUE',
    }),
  );
}

export async function seedScheduledAction(c: SeedClients, options: { asgName: string; name: string; recurrence?: string; desired?: number }): Promise<void> {
  await c.autoscaling.send(
    new PutScheduledUpdateGroupActionCommand({
      AutoScalingGroupName: options.asgName,
      ScheduledActionName: options.name,
      Recurrence: options.recurrence ?? '0 7 * * MON-FRI',
      DesiredCapacity: options.desired ?? 2,
    }),
  );
}

export async function seedWarmPool(c: SeedClients, options: { asgName: string; minSize?: number; state?: 'Stopped' | 'Running' | 'Hibernated' }): Promise<void> {
  await c.autoscaling.send(new PutWarmPoolCommand({ AutoScalingGroupName: options.asgName, MinSize: options.minSize ?? 1, PoolState: options.state ?? 'Stopped' }));
}
