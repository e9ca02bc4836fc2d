/**
 * Container ports: the port the application served on the instance becomes the
 * container port, named for what it speaks. Privileged ports (below 1024) move
 * up by 8000, because the chart runs pods as a non-root user without
 * NET_BIND_SERVICE (k8s-mapping.md §A.2); the Service keeps the old number.
 */
import { sortInPlace } from '../model/sort.js';
import { asArray, asNumber, asRecord, byDefault, fromAws, fromCatalog, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { Front } from './front.js';
import type { AppDefinition, Provenance } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

export interface NamedPort {
  name: string;
  containerPort: number;
  /** The port on the EC2 instance. */
  instancePort: number;
  protocol: 'TCP' | 'UDP';
}

export interface PortPlan {
  main: NamedPort;
  /** Further ports the container serves: other target groups' ports, and the known application's extra ports. */
  extra: NamedPort[];
  /**
   * Instance ports clients connected to that end at the main port: the target
   * group port, or, without a load balancer, the opened ports that reached the
   * application (80/443 of a reverse proxy in front of it on the box included).
   */
  entryPorts: number[];
  /** A separate health check port, when the load balancer checked another port than it served. */
  health?: NamedPort;
  /** The container port that serves an instance port, if the plan has one. */
  byInstancePort(port: number): NamedPort | undefined;
  contribution: Contribution;
}

/** Ports an SRE opens for people, not for the application. */
const ADMIN_PORTS = new Set([22, 3389]);
const PRIVILEGED_SHIFT = 8000;

/** The container port for an instance port: unchanged from 1024 up, +8000 below. */
export function containerPortFor(instancePort: number): number {
  return instancePort < 1024 ? instancePort + PRIVILEGED_SHIFT : instancePort;
}

function portName(protocol: string): { name: string; protocol: 'TCP' | 'UDP' } {
  switch (protocol.toUpperCase()) {
    case 'HTTP':
      return { name: 'http', protocol: 'TCP' };
    case 'HTTPS':
      return { name: 'https', protocol: 'TCP' };
    case 'UDP':
      return { name: 'udp', protocol: 'UDP' };
    default:
      return { name: 'tcp', protocol: 'TCP' };
  }
}

/** Single TCP ports the instances' security groups open (SSH and RDP left out), lowest first. */
function openPorts(sources: WorkloadSources): { port: number; source: Sourced }[] {
  const found = new Map<number, Sourced>();
  for (const sg of sources.securityGroups) {
    for (const p of asArray(sg.data.IpPermissions)) {
      const r = asRecord(p);
      const from = asNumber(r.FromPort);
      if (!['tcp', '6'].includes(String(r.IpProtocol)) || from === undefined || from !== asNumber(r.ToPort) || ADMIN_PORTS.has(from)) continue;
      if (!found.has(from)) found.set(from, sg);
    }
  }
  return sortInPlace([...found.entries()], ([a], [b]) => a - b).map(([port, source]) => ({ port, source }));
}

/** The lowest single-port TCP ingress rule of the instances' security groups, if any. */
function portFromSecurityGroups(sources: WorkloadSources): { port: number; source: Sourced } | undefined {
  return openPorts(sources)[0];
}

/** Plans the container ports of a workload. */
export function planPorts(sources: WorkloadSources, front: Front, app: AppDefinition | undefined): PortPlan {
  const out = contribution();
  let instancePort: number;
  let protocol: string;
  let provenance: Provenance;
  if (front.trafficPort) {
    instancePort = front.trafficPort.port;
    protocol = front.kind === 'classic-http' && !['HTTP', 'HTTPS'].includes(front.trafficPort.protocol) ? 'HTTP' : front.trafficPort.protocol;
    provenance = fromAws(front.trafficPort.source, front.trafficPort.field, 'the load balancer sent traffic to this port on the instance');
  } else if (app?.port) {
    instancePort = app.port;
    protocol = app.protocol ?? 'TCP';
    provenance = fromCatalog(app.id, `${app.name} serves on port ${app.port}`);
  } else {
    const fromSg = portFromSecurityGroups(sources);
    if (fromSg) {
      instancePort = fromSg.port;
      protocol = fromSg.port === 80 ? 'HTTP' : fromSg.port === 443 ? 'HTTPS' : 'TCP';
      provenance = fromAws(fromSg.source, 'IpPermissions.FromPort', 'no load balancer: the lowest single port the security group opens (SSH and RDP left out)');
      out.warnings.push(`No load balancer names the application's port; port ${fromSg.port} was taken from security group ${fromSg.source.ref.name}. Check it.`);
    } else {
      instancePort = 8080;
      protocol = 'TCP';
      provenance = byDefault('no load balancer, no known application and no security-group rule name the port: 8080 is a placeholder to correct');
      out.tasks.push({ id: 'port', kind: 'review', title: 'Set the port the application listens on', detail: 'Nothing in AWS says which port the application serves; the values use 8080. Correct containerPorts and the probes.', blocking: true });
    }
  }
  const { name, protocol: l4 } = portName(protocol);
  const main: NamedPort = { name, containerPort: containerPortFor(instancePort), instancePort, protocol: l4 };
  const shifted = main.containerPort !== instancePort;
  out.values.push({ path: ['containerPorts', name, 'containerPort'], value: main.containerPort, provenance: shifted ? { ...provenance, reason: `${provenance.reason}; port ${instancePort} is privileged, so the non-root container listens on ${main.containerPort} and the Service keeps ${instancePort}` } : provenance });
  out.values.push({ path: ['containerPorts', name, 'protocol'], value: l4, provenance: byDefault(`${protocol} traffic runs over ${l4}`) });
  if (shifted) {
    out.tasks.push({ id: 'port-shift', kind: 'image', title: `Make the application listen on ${main.containerPort} instead of ${instancePort}`, detail: `Port ${instancePort} needs root or NET_BIND_SERVICE; the chart runs the container as a non-root user. Configure the application in the image to listen on ${main.containerPort}; clients still reach port ${instancePort} through the Service and load balancer.`, blocking: true });
  }

  let health: NamedPort | undefined;
  const hc = front.healthCheck;
  if (hc && typeof hc.port === 'number' && hc.port !== instancePort) {
    health = { name: 'health', containerPort: containerPortFor(hc.port), instancePort: hc.port, protocol: 'TCP' };
    out.values.push({ path: ['containerPorts', 'health', 'containerPort'], value: health.containerPort, provenance: fromAws(hc.source, hc.fields.port, `the health check probed port ${hc.port}, not the traffic port`) });
    out.values.push({ path: ['containerPorts', 'health', 'protocol'], value: 'TCP', provenance: byDefault('health checks run over TCP') });
  }

  let entryPorts = [instancePort];
  if (!front.trafficPort) {
    const open = openPorts(sources).map((o) => o.port);
    const web = name === 'http' || name === 'https';
    // A web application behind a reverse proxy on the same box: clients used 80/443, the proxy forwarded.
    const proxied = web ? open.filter((p) => (p === 80 || p === 443) && p !== instancePort) : [];
    entryPorts = sortInPlace([...new Set([instancePort, ...proxied])], (a, b) => a - b);
    if (proxied.length > 0 && !open.includes(instancePort)) out.warnings.push(`The security groups open ${proxied.join(' and ')} rather than ${instancePort}: a reverse proxy on the instance probably forwarded to the application. On Kubernetes the load balancer reaches the container on ${main.containerPort} directly.`);
  }

  // Other ports the container serves: other target groups of the workload, and the application's own extras.
  const extra: NamedPort[] = [];
  const taken = new Set([instancePort, ...(health ? [health.instancePort] : [])]);
  const names = new Set([main.name, ...(health ? [health.name] : [])]);
  const addExtra = (port: number, preferred: string, l4: 'TCP' | 'UDP', provenance: Provenance) => {
    if (taken.has(port)) return;
    const portName = names.has(preferred) || preferred.length > 15 ? `${l4.toLowerCase()}-${port}` : preferred;
    taken.add(port);
    names.add(portName);
    const named: NamedPort = { name: portName, containerPort: containerPortFor(port), instancePort: port, protocol: l4 };
    extra.push(named);
    out.values.push({ path: ['containerPorts', portName, 'containerPort'], value: named.containerPort, provenance });
    out.values.push({ path: ['containerPorts', portName, 'protocol'], value: l4, provenance: byDefault(`served over ${l4}`) });
  };
  for (const tg of sources.targetGroups) {
    const port = asNumber(tg.data.Port);
    if (port === undefined || tg === front.targetGroup) continue;
    const protocol = String(tg.data.Protocol ?? 'TCP').toUpperCase();
    addExtra(port, `${protocol === 'HTTP' || protocol === 'HTTPS' ? protocol.toLowerCase() : protocol === 'UDP' ? 'udp' : 'tcp'}-${port}`, protocol === 'UDP' ? 'UDP' : 'TCP', fromAws(tg, 'Port', `target group ${tg.ref.name} sent traffic to this port too`));
  }
  for (const p of app?.extraPorts ?? []) addExtra(p.port, p.name, 'TCP', fromCatalog(app?.id ?? '', `${app?.name} also serves ${p.name} on ${p.port}`));

  const all = [main, ...(health ? [health] : []), ...extra];
  return {
    main,
    extra,
    entryPorts,
    health,
    byInstancePort: (port) => all.find((p) => p.instancePort === port),
    contribution: out,
  };
}
