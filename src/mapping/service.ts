/**
 * The Service. Behind an ALB it stays ClusterIP (ip targets reach pods
 * directly); an NLB, or a classic ELB with TCP/SSL listeners, becomes a
 * LoadBalancer Service for the AWS Load Balancer Controller with its health
 * check and attributes in annotations (k8s-mapping.md §A.3, §A.9).
 */
import { classicAttributesOf } from '../model/aws-shapes.js';
import { asArray, asRecord, asString, attributesOf, byDefault, fromAws } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { Exposure } from './exposure.js';
import type { Front, FrontListener } from './front.js';
import { containerPortFor, type PortPlan } from './ports.js';
import type { ShutdownPlan } from './shutdown.js';
import type { Provenance } from './types.js';

const SVC = 'service.beta.kubernetes.io/';

/** What a LoadBalancer Service cannot carry over from the NLB. */
function serviceWarnings(front: Front): string[] {
  const warnings: string[] = [];
  if (front.listeners.some((l) => l.protocol === 'TCP_UDP')) warnings.push('A TCP_UDP listener needs service.beta.kubernetes.io/aws-load-balancer-enable-tcp-udp-listener and a UDP port of the same number; only TCP was planned.');
  if (front.targetGroup && attributesOf(front.targetGroup.data)['proxy_protocol_v2.enabled'] === 'true') warnings.push('The target group sent the PROXY protocol v2 header; the application in the container must keep parsing it.');
  return warnings;
}

/** Plans `service.*`; with `outline`, only the warnings. */
export function planService(front: Front, ports: PortPlan, shutdown: ShutdownPlan, exposure: Exposure, outline = false): Contribution {
  const out = contribution();
  if (outline) {
    if (exposure.mode === 'nlb') out.warnings.push(...serviceWarnings(front));
    return out;
  }
  const main = ports.main;
  const set = (path: string | string[], value: unknown, provenance: Provenance) => out.values.push({ path, value, provenance });
  set('service.enabled', true, byDefault('pods are reached through a Service'));
  set('service.portName', main.name, byDefault('named after what the port speaks'));
  set('service.targetPort', main.name, byDefault('the container port by name, so it follows containerPorts'));
  const portProvenance = front.trafficPort ? fromAws(front.trafficPort.source, front.trafficPort.field, 'clients inside the cluster reach the application on the port it served on EC2') : byDefault('the port the application served on EC2');

  // The container's further ports, reachable inside the cluster on their old numbers.
  const extraServicePorts = (used: number[]) =>
    ports.extra.filter((p) => !used.includes(p.instancePort)).map((p) => ({ name: p.name, port: p.instancePort, targetPort: p.name, protocol: p.protocol }));
  const setExtra = (list: Record<string, unknown>[], provenance: Provenance) => {
    if (list.length > 0) set('service.extraPorts', list, provenance);
  };
  if (exposure.mode !== 'nlb') {
    set('service.type', 'ClusterIP', byDefault(exposure.mode === 'ingress' ? 'the ALB targets pod IPs (target-type ip), so the Service needs no node port' : 'no load balancer in front on EC2'));
    set('service.port', main.instancePort, portProvenance);
    setExtra(extraServicePorts([main.instancePort]), byDefault('the container\'s further ports, on the numbers they had on the instance'));
    return out;
  }

  const lb = front.loadBalancer;
  const typeOrigin = lb ?? exposure.elasticIp;
  const typeReason = lb ? 'a network load balancer served the workload: the Service gets one from the AWS Load Balancer Controller' : 'clients reached the instance at its Elastic IP: an NLB takes its place';
  set('service.type', 'LoadBalancer', typeOrigin ? fromAws(typeOrigin, lb ? (lb.ref.type.includes('V2') ? 'Type' : 'ListenerDescriptions') : 'PublicIp', typeReason) : byDefault(typeReason));
  set('service.loadBalancerClass', 'service.k8s.aws/nlb', byDefault('hands the Service to the AWS Load Balancer Controller (never the legacy in-tree controller, which would create a classic ELB)'));
  const annotate = (key: string, value: string, provenance: Provenance) => set(['service', 'annotations', `${SVC}${key}`], value, provenance);
  annotate('aws-load-balancer-nlb-target-type', 'ip', byDefault('ip targets route to pods directly'));
  if (exposure.scheme) annotate('aws-load-balancer-scheme', exposure.scheme.value, exposure.scheme.provenance);

  // Listeners: the first is the Service port, the rest extra ports to the same target.
  const listeners = front.listeners;
  const first = listeners[0];
  const eip = exposure.elasticIp;
  const servicePorts = first ? listeners.map((l) => ({ port: l.port, protocol: l.protocol })) : ports.entryPorts.map((port) => ({ port, protocol: main.protocol as string }));
  const mainPort = servicePorts[0]?.port ?? main.instancePort;
  set('service.port', mainPort, first ? fromAws(first.source, lb?.ref.type.includes('V2') ? 'Port' : 'ListenerDescriptions.Listener.LoadBalancerPort', 'the load balancer listened on this port') : eip ? fromAws(eip, 'PublicIp', `clients reached the Elastic IP on port ${mainPort}`) : portProvenance);
  const extra = servicePorts.slice(1).map((l) => ({ name: `${l.protocol === 'UDP' ? 'udp' : 'tcp'}-${l.port}`, port: l.port, targetPort: main.name, protocol: l.protocol === 'UDP' ? 'UDP' : 'TCP' }));
  const unique = extra.filter((p, i) => extra.findIndex((q) => q.name === p.name) === i && p.port !== mainPort);
  const further = extraServicePorts([mainPort, ...unique.map((p) => p.port)]);
  if (unique.length + further.length > 0) {
    const origin = listeners[1]?.source ?? eip;
    setExtra([...unique, ...further], origin ? fromAws(origin, listeners[1] ? 'Port' : 'PublicIp', 'the other ports clients used') : byDefault('the other ports the container serves'));
  }
  out.warnings.push(...serviceWarnings(front));
  const tls = listeners.filter((l) => l.protocol === 'TLS' || l.protocol === 'SSL');
  if (tls.length > 0) {
    const certs = [...new Set(tls.flatMap((l) => l.certificateArns))];
    const origin = (tls[0] as FrontListener).source;
    if (certs.length > 0) annotate('aws-load-balancer-ssl-cert', certs.join(','), fromAws(origin, 'Certificates', 'the TLS listener\'s certificate'));
    annotate('aws-load-balancer-ssl-ports', tls.map((l) => String(l.port)).join(','), fromAws(origin, 'Port', 'listeners that terminated TLS'));
    const policy = tls.find((l) => l.sslPolicy)?.sslPolicy;
    if (policy) annotate('aws-load-balancer-ssl-negotiation-policy', policy, fromAws(origin, 'SslPolicy', 'the TLS listener\'s policy'));
  }

  // Health check, verbatim.
  const hc = front.healthCheck;
  if (hc) {
    const via = (name: keyof typeof hc.fields, reason: string) => fromAws(hc.source, hc.fields[name], reason);
    const protocol = hc.protocol === 'HTTP' || hc.protocol === 'HTTPS' ? hc.protocol.toLowerCase() : 'tcp';
    annotate('aws-load-balancer-healthcheck-protocol', protocol, via('protocol', 'the load balancer\'s health check protocol, kept'));
    const port = hc.port === 'traffic-port' || hc.port === main.instancePort ? 'traffic-port' : String(containerPortFor(hc.port));
    annotate('aws-load-balancer-healthcheck-port', port, via('port', 'the port the load balancer checked (the pod port with ip targets)'));
    if (hc.path && protocol !== 'tcp') annotate('aws-load-balancer-healthcheck-path', hc.path, via('path', 'kept as it was'));
    if (hc.intervalSeconds !== undefined) annotate('aws-load-balancer-healthcheck-interval', String(hc.intervalSeconds), via('interval', 'kept as it was'));
    if (hc.timeoutSeconds !== undefined) annotate('aws-load-balancer-healthcheck-timeout', String(hc.timeoutSeconds), via('timeout', 'kept as it was'));
    if (hc.healthyThreshold !== undefined) annotate('aws-load-balancer-healthcheck-healthy-threshold', String(hc.healthyThreshold), via('healthy', 'kept as it was'));
    if (hc.unhealthyThreshold !== undefined) annotate('aws-load-balancer-healthcheck-unhealthy-threshold', String(hc.unhealthyThreshold), via('unhealthy', 'kept as it was'));
    if (hc.matcher && protocol !== 'tcp') annotate('aws-load-balancer-healthcheck-success-codes', hc.matcher, fromAws(hc.source, 'Matcher.HttpCode', 'kept as it was'));
  }

  // Target group and load balancer attributes.
  const tgAttributes: string[] = [];
  if (shutdown.deregistrationDelay) tgAttributes.push(`deregistration_delay.timeout_seconds=${shutdown.deregistrationDelay.seconds}`);
  const tg = front.targetGroup;
  if (tg) {
    const attrs = attributesOf(tg.data);
    for (const key of ['preserve_client_ip.enabled', 'proxy_protocol_v2.enabled', 'stickiness.enabled', 'deregistration_delay.connection_termination.enabled']) {
      if (attrs[key] === 'true') tgAttributes.push(`${key}=true`);
    }
    if (attrs['stickiness.enabled'] === 'true' && attrs['stickiness.type']) tgAttributes.push(`stickiness.type=${attrs['stickiness.type']}`);
  }
  if (tgAttributes.length > 0) {
    const delay = shutdown.deregistrationDelay;
    annotate('aws-load-balancer-target-group-attributes', [...new Set(tgAttributes)].sort().join(','), delay ? { ...delay.provenance, reason: `target group attributes kept from AWS: ${delay.provenance.reason}` } : tg ? fromAws(tg, 'Attributes', 'kept as they were') : byDefault('target group attributes'));
  }

  let crossZone: { value: boolean; provenance: Provenance } | undefined;
  if (lb && lb.ref.type.includes('V2')) {
    const value = attributesOf(lb.data)['load_balancing.cross_zone.enabled'];
    if (value !== undefined) crossZone = { value: value === 'true', provenance: fromAws(lb, 'load_balancing.cross_zone.enabled', 'kept as it was') };
  } else if (lb) {
    const value = classicAttributesOf(lb.data)?.crossZone;
    if (value !== undefined) crossZone = { value, provenance: fromAws(lb, 'CrossZoneLoadBalancing.Enabled', 'kept as it was') };
  }
  if (!crossZone || !crossZone.value) {
    // Pods spread 2/1 over zones would get uneven traffic without cross-zone balancing.
    annotate('aws-load-balancer-attributes', 'load_balancing.cross_zone.enabled=true', crossZone ? { ...crossZone.provenance, reason: 'cross-zone was off; turned on because pods spread unevenly over zones would otherwise get uneven traffic (inter-zone data costs apply)' } : byDefault('NLB cross-zone is off by default; on, so that pods spread unevenly over zones get even traffic'));
  } else {
    annotate('aws-load-balancer-attributes', 'load_balancing.cross_zone.enabled=true', crossZone.provenance);
  }
  const eips = lb ? asArray(lb.data.AvailabilityZones).flatMap((z) => asArray(asRecord(z).LoadBalancerAddresses).map((a) => asString(asRecord(a).AllocationId))).filter((x): x is string => Boolean(x)) : [];
  if (eips.length > 0 && lb) annotate('aws-load-balancer-eip-allocations', eips.sort().join(','), fromAws(lb, 'AvailabilityZones.LoadBalancerAddresses.AllocationId', 'the NLB\'s Elastic IPs, one per zone; release them from the old NLB first'));
  return out;
}
