/** A classic load balancer with its health check and instances. */
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  ModifyLoadBalancerAttributesCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import type { SeedClients } from './clients.js';

export interface ClassicLoadBalancerOptions {
  name: string;
  /** Zones (us-east-1a…) for an EC2-Classic-style balancer; or subnets. */
  zones?: string[];
  subnetIds?: string[];
  instanceIds?: string[];
  /** e.g. HTTP:80/health */
  healthCheckTarget?: string;
  crossZone?: boolean;
  tags?: Record<string, string>;
}

export async function seedClassicLoadBalancer(c: SeedClients, options: ClassicLoadBalancerOptions): Promise<string> {
  await c.elb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: options.name,
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }],
      ...(options.subnetIds ? { Subnets: options.subnetIds } : { AvailabilityZones: options.zones ?? [`${c.region}a`] }),
      Tags: options.tags ? Object.entries(options.tags).map(([Key, Value]) => ({ Key, Value })) : undefined,
    }),
  );
  await c.elb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: options.name,
      HealthCheck: { Target: options.healthCheckTarget ?? 'HTTP:8080/health', Interval: 30, Timeout: 5, HealthyThreshold: 3, UnhealthyThreshold: 2 },
    }),
  );
  if (options.crossZone !== undefined) {
    await c.elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerName: options.name, LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: options.crossZone } } }));
  }
  if (options.instanceIds && options.instanceIds.length > 0) {
    await c.elb.send(new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: options.name, Instances: options.instanceIds.map((InstanceId) => ({ InstanceId })) }));
  }
  return options.name;
}
