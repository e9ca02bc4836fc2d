/**
 * What sits in front of a workload: the load balancer, the target group it
 * forwards to, the listeners that reach the workload, and the health check
 * the load balancer runs. Service, ingress, ports, probes and shutdown all read
 * this one view, so they agree on which load balancer they follow.
 */
import { listenerArnOfRule } from '../model/aws-shapes.js';
import { sortInPlace } from '../model/sort.js';
import { asArray, asNumber, asRecord, asString, type Sourced } from './aws-fields.js';
import { forwardedTargetGroups, type WorkloadSources } from './workload-sources.js';

export type FrontKind = 'alb' | 'nlb' | 'classic-http' | 'classic-tcp' | 'none';

/** A listener that routes to the workload, ELBv2 or classic. */
export interface FrontListener {
  source: Sourced;
  protocol: string;
  port: number;
  /** Classic: the instance port; ELBv2: the target group port. */
  targetPort?: number;
  certificateArns: string[];
  sslPolicy?: string;
  /** The default action redirects to HTTPS (an HTTP listener kept only for the redirect). */
  redirectsToHttps?: string;
}

/** A health check normalised over ELBv2 target groups and classic ELBs. */
export interface HealthCheck {
  source: Sourced;
  classic: boolean;
  protocol: string;
  /** A port number, or 'traffic-port'. */
  port: number | 'traffic-port';
  path?: string;
  intervalSeconds?: number;
  timeoutSeconds?: number;
  healthyThreshold?: number;
  unhealthyThreshold?: number;
  /** ELBv2 `Matcher.HttpCode` (classic: only 200 counts as healthy). */
  matcher?: string;
  grpcMatcher?: string;
  /** The AWS field each value came from. */
  fields: { protocol: string; port: string; path: string; interval: string; timeout: string; healthy: string; unhealthy: string; matcher: string };
}

export interface Front {
  kind: FrontKind;
  loadBalancer?: Sourced;
  targetGroup?: Sourced;
  listeners: FrontListener[];
  /** The port the application serves on the instance, and where that was read. */
  trafficPort?: { port: number; protocol: string; source: Sourced; field: string };
  healthCheck?: HealthCheck;
  warnings: string[];
}

const V2_FIELDS = {
  protocol: 'HealthCheckProtocol',
  port: 'HealthCheckPort',
  path: 'HealthCheckPath',
  interval: 'HealthCheckIntervalSeconds',
  timeout: 'HealthCheckTimeoutSeconds',
  healthy: 'HealthyThresholdCount',
  unhealthy: 'UnhealthyThresholdCount',
  matcher: 'Matcher.HttpCode',
};

const CLASSIC_FIELDS = {
  protocol: 'HealthCheck.Target',
  port: 'HealthCheck.Target',
  path: 'HealthCheck.Target',
  interval: 'HealthCheck.Interval',
  timeout: 'HealthCheck.Timeout',
  healthy: 'HealthCheck.HealthyThreshold',
  unhealthy: 'HealthCheck.UnhealthyThreshold',
  matcher: 'HealthCheck.Target',
};

/** Parses a classic ELB health check target: `HTTP:80/health`, `TCP:5432` (k8s-mapping.md §A.8). */
export function parseClassicTarget(target: string): { protocol: string; port: number; path?: string } | undefined {
  const match = /^(TCP|SSL|HTTP|HTTPS):(\d{1,5})(\/.*)?$/i.exec(target.trim());
  if (!match) return undefined;
  const protocol = (match[1] as string).toUpperCase();
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  return { protocol, port, path: protocol === 'HTTP' || protocol === 'HTTPS' ? (match[3] ?? '/') : undefined };
}

function v2HealthCheck(tg: Sourced): HealthCheck {
  const d = tg.data;
  const portText = asString(d.HealthCheckPort) ?? 'traffic-port';
  const port = portText === 'traffic-port' ? 'traffic-port' : (asNumber(portText) ?? 'traffic-port');
  return {
    source: tg,
    classic: false,
    protocol: (asString(d.HealthCheckProtocol) ?? asString(d.Protocol) ?? 'HTTP').toUpperCase(),
    port,
    path: asString(d.HealthCheckPath),
    intervalSeconds: asNumber(d.HealthCheckIntervalSeconds),
    timeoutSeconds: asNumber(d.HealthCheckTimeoutSeconds),
    healthyThreshold: asNumber(d.HealthyThresholdCount),
    unhealthyThreshold: asNumber(d.UnhealthyThresholdCount),
    matcher: asString(asRecord(d.Matcher).HttpCode),
    grpcMatcher: asString(asRecord(d.Matcher).GrpcCode),
    fields: V2_FIELDS,
  };
}

function classicHealthCheck(lb: Sourced): HealthCheck | undefined {
  const hc = asRecord(lb.data.HealthCheck);
  const target = asString(hc.Target);
  const parsed = target ? parseClassicTarget(target) : undefined;
  if (!parsed) return undefined;
  return {
    source: lb,
    classic: true,
    protocol: parsed.protocol,
    port: parsed.port,
    path: parsed.path,
    intervalSeconds: asNumber(hc.Interval),
    timeoutSeconds: asNumber(hc.Timeout),
    healthyThreshold: asNumber(hc.HealthyThreshold),
    unhealthyThreshold: asNumber(hc.UnhealthyThreshold),
    fields: CLASSIC_FIELDS,
  };
}

function redirectTarget(actions: unknown): string | undefined {
  for (const action of asArray(actions)) {
    const a = asRecord(action);
    if (a.Type === 'redirect' && String(asRecord(a.RedirectConfig).Protocol ?? '').toUpperCase() === 'HTTPS') return String(asRecord(a.RedirectConfig).Port ?? '443');
  }
  return undefined;
}

// v2Front is made of small steps, for the reason gatherSources' steps are (workload-sources.ts).

/**
 * The target group the plan follows: one that a load balancer of the workload uses, an ALB's (the richer
 * mapping: Ingress, HTTP checks) before an NLB's, an HTTP one before others, then the lowest id.
 */
function chooseTargetGroup(sources: WorkloadSources, lbArns: ReadonlySet<string>): Sourced {
  const tgs = sources.targetGroups;
  const typeOf = (tg: Sourced) => {
    const arns = asArray(tg.data.LoadBalancerArns).map(String);
    const lb = sources.loadBalancers.find((l) => arns.includes(l.ref.id));
    return lb ? asString(lb.data.Type) : undefined;
  };
  const rank = (tg: Sourced) => {
    const type = typeOf(tg);
    return (type === 'application' ? 0 : type ? 1 : 2) * 2 + (/^HTTPS?$/.test(String(tg.data.Protocol ?? '')) ? 0 : 1);
  };
  // Ranked once each, not on every comparison.
  const attached = tgs.filter((tg) => asArray(tg.data.LoadBalancerArns).some((arn) => lbArns.has(String(arn)))).map((tg) => ({ tg, rank: rank(tg) }));
  return (sortInPlace(attached, (a, b) => a.rank - b.rank || a.tg.ref.id.localeCompare(b.tg.ref.id))[0]?.tg ?? tgs[0]) as Sourced;
}

/** The listeners of the load balancer that route to the target group, and the HTTP ones that redirect to their ports, by port. */
function listenersTo(sources: WorkloadSources, loadBalancer: Sourced | undefined, targetGroup: Sourced): FrontListener[] {
  const tgArn = targetGroup.ref.id;
  const tgPort = asNumber(targetGroup.data.Port);
  const ruleListeners = new Set(sources.rules.filter((r) => forwardedTargetGroups(r.data.Actions).includes(tgArn)).map((r) => listenerArnOfRule(r.data)).filter(Boolean) as string[]);
  const ofLb = sources.listeners.filter((l) => asString(l.data.LoadBalancerArn) === loadBalancer?.ref.id);
  const routing = ofLb.filter((l) => forwardedTargetGroups(l.data.DefaultActions).includes(tgArn) || ruleListeners.has(l.ref.id));
  const routingPorts = new Set(routing.map((l) => String(asNumber(l.data.Port))));
  const redirecting = ofLb.filter((l) => !routing.includes(l) && routingPorts.has(redirectTarget(l.data.DefaultActions) ?? ''));
  return sortInPlace(
    [...routing, ...redirecting].map((l) => ({
      source: l,
      protocol: (asString(l.data.Protocol) ?? 'HTTP').toUpperCase(),
      port: asNumber(l.data.Port) ?? 0,
      targetPort: tgPort,
      certificateArns: asArray(l.data.Certificates).map((c) => asString(asRecord(c).CertificateArn)).filter((x): x is string => Boolean(x)),
      sslPolicy: asString(l.data.SslPolicy),
      redirectsToHttps: redirecting.includes(l) ? redirectTarget(l.data.DefaultActions) : undefined,
    })),
    (a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol),
  );
}

function v2Front(sources: WorkloadSources, warnings: string[]): Front | undefined {
  const tgs = sources.targetGroups;
  if (tgs.length === 0) return undefined;
  const lbArns = new Set(sources.loadBalancers.map((lb) => lb.ref.id));
  const targetGroup = chooseTargetGroup(sources, lbArns);
  if (tgs.length > 1) warnings.push(`The workload is behind ${tgs.length} target groups; the plan follows ${targetGroup.ref.name} (${targetGroup.ref.id}). Add the other ports as service.extraPorts if they serve other traffic.`);
  const lbArn = asArray(targetGroup.data.LoadBalancerArns).map(String).find((arn) => lbArns.has(arn));
  const loadBalancer = sources.loadBalancers.find((lb) => lb.ref.id === lbArn);
  const type = asString(loadBalancer?.data.Type);
  const kind: FrontKind = type === 'application' ? 'alb' : type === 'network' ? 'nlb' : 'none';
  if (type === 'gateway') warnings.push(`Gateway load balancer ${loadBalancer?.ref.name} has no Kubernetes equivalent in the chart; the workload is planned without a load balancer.`);

  const tgPort = asNumber(targetGroup.data.Port);
  return {
    kind: kind === 'none' || !loadBalancer ? 'none' : kind,
    loadBalancer: kind === 'none' ? undefined : loadBalancer,
    targetGroup,
    listeners: kind === 'none' ? [] : listenersTo(sources, loadBalancer, targetGroup),
    trafficPort: tgPort ? { port: tgPort, protocol: (asString(targetGroup.data.Protocol) ?? 'HTTP').toUpperCase(), source: targetGroup, field: 'Port' } : undefined,
    healthCheck: v2HealthCheck(targetGroup),
    warnings,
  };
}

function classicFront(sources: WorkloadSources, warnings: string[]): Front | undefined {
  const lb = sources.classicLoadBalancers[0];
  if (!lb) return undefined;
  if (sources.classicLoadBalancers.length > 1) warnings.push(`The workload is behind ${sources.classicLoadBalancers.length} classic load balancers; the plan follows ${lb.ref.name}.`);
  const listeners: (FrontListener & { instanceProtocol: string })[] = sortInPlace(
    asArray(lb.data.ListenerDescriptions)
      .map((d) => asRecord(asRecord(d).Listener))
      .map((l) => ({
        source: lb,
        protocol: (asString(l.Protocol) ?? 'TCP').toUpperCase(),
        port: asNumber(l.LoadBalancerPort) ?? 0,
        targetPort: asNumber(l.InstancePort),
        instanceProtocol: (asString(l.InstanceProtocol) ?? asString(l.Protocol) ?? 'TCP').toUpperCase(),
        certificateArns: asString(l.SSLCertificateId) ? [asString(l.SSLCertificateId) as string] : [],
      }))
      .filter((l) => l.port > 0),
    (a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol),
  );
  const isHttp = (p: string) => p === 'HTTP' || p === 'HTTPS';
  const http = listeners.filter((l) => isHttp(l.protocol));
  const kind: FrontKind = http.length > 0 ? 'classic-http' : 'classic-tcp';
  if (http.length > 0 && http.length < listeners.length) warnings.push(`Classic ELB ${lb.ref.name} mixes HTTP and TCP listeners; the plan moves the HTTP(S) listeners to an ALB Ingress and leaves ports ${listeners.filter((l) => !isHttp(l.protocol)).map((l) => l.port).join(', ')} out: add an NLB Service for them if they are used.`);
  const chosen = kind === 'classic-http' ? http : listeners;
  const main = chosen.find((l) => l.targetPort !== undefined);
  return {
    kind,
    loadBalancer: lb,
    listeners: chosen.map(({ instanceProtocol: _unused, ...l }) => l),
    trafficPort: main?.targetPort ? { port: main.targetPort, protocol: main.instanceProtocol, source: lb, field: 'ListenerDescriptions.Listener.InstancePort' } : undefined,
    healthCheck: classicHealthCheck(lb),
    warnings,
  };
}

/** Decides what is in front of the workload: an ALB or NLB (through a target group), a classic ELB, or nothing. */
export function findFront(sources: WorkloadSources): Front {
  const warnings: string[] = [];
  const v2 = v2Front(sources, warnings);
  if (v2 && v2.kind !== 'none') {
    if (sources.classicLoadBalancers.length > 0) warnings.push(`The workload is also behind classic ELB ${sources.classicLoadBalancers.map((l) => l.ref.name).join(', ')}; the plan follows the ${v2.kind.toUpperCase()} only.`);
    return v2;
  }
  const classic = classicFront(sources, warnings);
  if (classic) return classic;
  return v2 ?? { kind: 'none', listeners: [], warnings };
}
