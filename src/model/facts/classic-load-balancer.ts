/** Facts about a classic load balancer: zones, cross-zone state, which instances are InService and where. */
import { at, classicAttributesOf, num, objects, str } from '../aws-shapes.js';
import { fact, namesOf, zoneIdsOf, type FactDeriver } from './context.js';
import { balancerZones, classicTargets } from './targets.js';

/** The parts of a classic health check target (`HTTP:80/health`, `TCP:22`). */
export function parseHealthCheckTarget(target: string): { protocol: string; port: number | undefined; path: string } {
  const match = /^([A-Za-z]+):(\d+)(.*)$/.exec(target.trim());
  if (!match) return { protocol: '', port: undefined, path: '' };
  return { protocol: match[1]!.toUpperCase(), port: Number(match[2]), path: match[3] ?? '' };
}

export const classicLoadBalancerFacts: FactDeriver = {
  type: 'AWS::ElasticLoadBalancing::LoadBalancer',
  facts: {
    zones: fact('Zone names the load balancer is enabled in (`AvailabilityZones`, and the zones of its subnets).', 'elb', 'ec2'),
    zoneIds: fact('Zone ids of `zones`.', 'elb', 'ec2'),
    crossZoneEnabled: fact('True when cross-zone load balancing is on (off when attributes were not collected; off is the API default).', 'elb'),
    connectionDraining: fact('True when connection draining is on.', 'elb'),
    attributesKnown: fact('True when the snapshot holds the load balancer’s attributes.', 'elb'),
    registeredInstances: fact('Number of registered instances.', 'elb'),
    healthKnown: fact('True when the snapshot holds instance health (DescribeInstanceHealth); otherwise running instances count as InService.', 'elb'),
    healthyInstances: fact('Number of InService instances.', 'elb', 'ec2'),
    healthyZones: fact('Zone names with at least one InService instance.', 'elb', 'ec2'),
    healthyInstancesPerZone: fact('InService instances per zone name.', 'elb', 'ec2'),
    instanceZones: fact('Zone names of all registered instances.', 'elb', 'ec2'),
    zonesWithoutHealthyInstances: fact('Enabled zones with no InService instance.', 'elb', 'ec2'),
    healthCheckProtocol: fact('Protocol of the health check target (`HTTP`, `HTTPS`, `TCP`, `SSL`), or empty.', 'elb'),
    healthCheckPort: fact('Port of the health check target, or 0 when there is none.', 'elb'),
    healthCheckPath: fact('Path of an HTTP(S) health check target, or empty.', 'elb'),
    listenerInstancePorts: fact('Instance ports the listeners forward to.', 'elb'),
    healthCheckMatchesListener: fact('True when the health check probes a port a listener forwards traffic to.', 'elb'),
    autoScalingGroups: fact('Names of the Auto Scaling groups attached to the load balancer.', 'autoscaling'),
  },
  derive(node, context) {
    const r = node.resource;
    const attributes = classicAttributesOf(r);
    const zones = balancerZones(context, node);
    const summary = classicTargets(context, node);
    const check = parseHealthCheckTarget(str(at(r, 'HealthCheck', 'Target')) ?? '');
    const ports = [...new Set(objects(r.ListenerDescriptions).map((d) => num(at(d, 'Listener', 'InstancePort'))).filter((p): p is number => p !== undefined))].sort((a, b) => a - b);
    return {
      zones,
      zoneIds: zoneIdsOf(context, node, zones),
      crossZoneEnabled: attributes?.crossZone ?? false,
      connectionDraining: attributes?.connectionDraining ?? false,
      attributesKnown: attributes !== undefined,
      registeredInstances: summary.registered,
      healthKnown: summary.healthKnown,
      healthyInstances: summary.healthy,
      healthyZones: summary.healthyZones,
      healthyInstancesPerZone: summary.healthyPerZone,
      instanceZones: summary.registeredZones,
      zonesWithoutHealthyInstances: zones.filter((z) => !summary.healthyZones.includes(z)),
      healthCheckProtocol: check.protocol,
      healthCheckPort: check.port ?? 0,
      healthCheckPath: check.path,
      listenerInstancePorts: ports,
      healthCheckMatchesListener: check.port !== undefined && ports.includes(check.port),
      autoScalingGroups: namesOf(context.graph.in(node, 'attachedTo', 'AWS::AutoScaling::AutoScalingGroup')),
    };
  },
};
