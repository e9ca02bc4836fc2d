/**
 * A small estate with every resource type a scan collects: a web tier in an
 * Auto Scaling group across three zones behind an ALB (with a path rule to a
 * second target group), a legacy group on a launch configuration behind a
 * classic ELB, and two standalone instances (a database with a data volume,
 * a single-box app with an Elastic IP).
 */
import type { SeedClients } from './clients.js';
import { seedAsg, seedLaunchConfiguration, seedLifecycleHook, seedScalingPolicy, seedScheduledAction, seedWarmPool } from './autoscaling.js';
import { seedElasticIp, seedInstances, seedLaunchTemplate, seedVolume, seedVpc, type SeededVpc } from './ec2.js';
import { seedClassicLoadBalancer } from './elb.js';
import { registerTargets, seedLoadBalancer, seedTargetGroup } from './elbv2.js';

export interface SmallEstate {
  vpc: SeededVpc;
  launchTemplateId: string;
  webTargetGroupArn: string;
  apiTargetGroupArn: string;
  loadBalancerArn: string;
  listenerArn: string;
  webAsg: string;
  legacyAsg: string;
  launchConfiguration: string;
  classicLoadBalancer: string;
  databaseInstanceId: string;
  dataVolumeId: string;
  appInstanceId: string;
  elasticIp: { allocationId: string; publicIp: string };
}

/** Builds the small estate; `userData` (plain text) goes on the app instance, the launch template and the launch configuration. */
export async function seedSmallEstate(c: SeedClients, options: { userData?: string } = {}): Promise<SmallEstate> {
  const vpc = await seedVpc(c, { name: 'main' });
  const [a, b, cc] = vpc.subnets as [SeededVpc['subnets'][0], SeededVpc['subnets'][0], SeededVpc['subnets'][0]];
  const template = await seedLaunchTemplate(c, { name: 'web', instanceType: 't3.small', userData: options.userData, securityGroupIds: [vpc.securityGroupId], versions: [{ instanceType: 't3.medium' }] });
  const webTargetGroupArn = await seedTargetGroup(c, { name: 'web', vpcId: vpc.vpcId, healthCheckPath: '/healthz', matcher: '200-399', deregistrationDelaySeconds: 30, tags: { app: 'web' } });
  const apiTargetGroupArn = await seedTargetGroup(c, { name: 'api', vpcId: vpc.vpcId, port: 8080 });
  const lb = await seedLoadBalancer(c, {
    name: 'web',
    subnetIds: vpc.subnets.map((s) => s.subnetId),
    securityGroupIds: [vpc.securityGroupId],
    listener: { port: 80, targetGroupArn: webTargetGroupArn },
    rules: [{ priority: 10, pathPattern: '/api/*', targetGroupArn: apiTargetGroupArn }],
    crossZone: true,
    tags: { app: 'web' },
  });
  const webAsg = await seedAsg(c, {
    name: 'web',
    subnetIds: [a.subnetId, b.subnetId, cc.subnetId],
    min: 2,
    max: 6,
    desired: 2,
    launchTemplate: { launchTemplateId: template.launchTemplateId, version: '$Latest' },
    targetGroupArns: [webTargetGroupArn],
    healthCheckType: 'ELB',
    healthCheckGracePeriod: 120,
    tags: { app: 'web' },
  });
  await seedScalingPolicy(c, { asgName: webAsg, name: 'cpu50' });
  await seedLifecycleHook(c, { asgName: webAsg, name: 'drain' });
  await seedScheduledAction(c, { asgName: webAsg, name: 'morning' });
  await seedWarmPool(c, { asgName: webAsg, minSize: 1 });

  const launchConfiguration = await seedLaunchConfiguration(c, { name: 'legacy', instanceType: 't3.micro', userData: options.userData });
  const classicLoadBalancer = await seedClassicLoadBalancer(c, { name: 'legacy', subnetIds: [a.subnetId], healthCheckTarget: 'HTTP:8080/ping', crossZone: false });
  const legacyAsg = await seedAsg(c, { name: 'legacy', subnetIds: [a.subnetId], min: 1, max: 1, desired: 1, launchConfigurationName: launchConfiguration, loadBalancerNames: [classicLoadBalancer] });

  const [databaseInstanceId] = await seedInstances(c, { subnetId: a.subnetId, instanceType: 't3.large', tags: { Name: 'postgres' }, securityGroupIds: [vpc.securityGroupId] });
  const dataVolumeId = await seedVolume(c, { instanceId: databaseInstanceId!, zone: a.zone, sizeGiB: 200 });
  const [appInstanceId] = await seedInstances(c, { subnetId: b.subnetId, instanceType: 't3.medium', tags: { Name: 'redash' }, userData: options.userData });
  const elasticIp = await seedElasticIp(c, appInstanceId!);
  await registerTargets(c, apiTargetGroupArn, [appInstanceId!]);

  return {
    vpc,
    launchTemplateId: template.launchTemplateId,
    webTargetGroupArn,
    apiTargetGroupArn,
    loadBalancerArn: lb.loadBalancerArn,
    listenerArn: lb.listenerArn,
    webAsg,
    legacyAsg,
    launchConfiguration,
    classicLoadBalancer,
    databaseInstanceId: databaseInstanceId!,
    dataVolumeId,
    appInstanceId: appInstanceId!,
    elasticIp,
  };
}
