/**
 * ALB → Ingress for the AWS Load Balancer Controller (k8s-mapping.md §A.2,
 * §A.3, §A.9). Listeners become listen-ports and certificates, rules become
 * hosts and paths, and the target group's health check and attributes are
 * carried verbatim into annotations so the new ALB checks what the old one did.
 * Classic ELBs with HTTP(S) listeners take the same path.
 */
import { classicAttributesOf } from '../model/aws-shapes.js';
import { asArray, asRecord, asString, attributesOf, byDefault, fromAws, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { Exposure } from './exposure.js';
import type { Front, FrontListener } from './front.js';
import { containerPortFor, type PortPlan } from './ports.js';
import type { ProbeHandler } from './probes.js';
import type { ShutdownPlan } from './shutdown.js';
import type { Provenance } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

const ALB = 'alb.ingress.kubernetes.io/';

/** Target group attributes worth keeping when they differ from AWS's defaults. */
const TG_ATTRIBUTE_DEFAULTS: Record<string, string> = {
  'stickiness.enabled': 'false',
  'slow_start.duration_seconds': '0',
  'load_balancing.algorithm.type': 'round_robin',
};
const TG_STICKINESS_DETAIL = ['stickiness.type', 'stickiness.lb_cookie.duration_seconds', 'stickiness.app_cookie.cookie_name', 'stickiness.app_cookie.duration_seconds'];

export interface IngressPath {
  path: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
}

/**
 * An ALB path pattern as an Ingress path: `/api` → Exact, `/api/*` → Prefix /api,
 * `/*` → Prefix /, other wildcards → ImplementationSpecific (ALB pattern semantics).
 */
export function ingressPathOf(pattern: string): IngressPath {
  if (pattern === '*' || pattern === '/*') return { path: '/', pathType: 'Prefix' };
  const prefix = /^(\/[^*?]*?)\/?\*$/.exec(pattern);
  if (prefix && !pattern.slice(0, -1).includes('*')) return { path: prefix[1] === '' ? '/' : (prefix[1] as string), pathType: 'Prefix' };
  if (!/[*?]/.test(pattern)) return { path: pattern.startsWith('/') ? pattern : `/${pattern}`, pathType: 'Exact' };
  return { path: pattern, pathType: 'ImplementationSpecific' };
}

/** Ingress hosts allow a leading `*.` wildcard only. */
function validHost(host: string): boolean {
  return /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(host.toLowerCase());
}

function conditionValues(condition: Record<string, unknown>, config: string): string[] {
  const values = asArray(asRecord(condition[config]).Values).map(String);
  return values.length > 0 ? values : asArray(condition.Values).map(String);
}

/** Listen ports, certificates, TLS policy and redirect of the HTTP(S) listeners: values only. */
function annotateListeners(set: (key: string, value: string, provenance: Provenance) => void, front: Front, listeners: readonly FrontListener[], lbProvenance: (field: string, reason: string) => Provenance): void {
  const ports = listeners.map((l) => `{"${l.protocol}":${l.port}}`);
  set('listen-ports', `[${[...new Set(ports)].join(',')}]`, lbProvenance(front.kind === 'alb' ? 'Listeners.Port' : 'ListenerDescriptions.Listener.LoadBalancerPort', 'one entry per listener that reaches the workload'));
  const certs = [...new Set(listeners.filter((l) => l.protocol === 'HTTPS').flatMap((l) => l.certificateArns))];
  if (certs.length > 0) set('certificate-arn', certs.join(','), lbProvenance(front.kind === 'alb' ? 'Certificates.CertificateArn' : 'ListenerDescriptions.Listener.SSLCertificateId', 'the HTTPS listener\'s certificate (the default one first)'));
  const policy = listeners.find((l) => l.protocol === 'HTTPS' && l.sslPolicy);
  if (policy?.sslPolicy) set('ssl-policy', policy.sslPolicy, fromAws(policy.source, 'SslPolicy', 'the HTTPS listener\'s TLS policy'));
  const redirect = listeners.find((l) => l.redirectsToHttps);
  if (redirect?.redirectsToHttps) set('ssl-redirect', redirect.redirectsToHttps, fromAws(redirect.source, 'DefaultActions', 'the HTTP listener redirected to HTTPS'));
}

/** The backend protocol and the original health check, verbatim: values only. */
function annotateBackend(set: (key: string, value: string, provenance: Provenance) => void, front: Front, ports: PortPlan, lbProvenance: (field: string, reason: string) => Provenance, readiness?: ProbeHandler): void {
  // Backend protocol.
  const tg = front.targetGroup;
  if (tg && asString(tg.data.Protocol) === 'HTTPS') set('backend-protocol', 'HTTPS', fromAws(tg, 'Protocol', 'the target group spoke HTTPS to the instances'));
  const version = tg ? asString(tg.data.ProtocolVersion) : undefined;
  if (tg && version && version !== 'HTTP1') set('backend-protocol-version', version, fromAws(tg, 'ProtocolVersion', `the target group spoke ${version} to the instances`));
  if (front.kind === 'classic-http' && ports.main.name === 'https') set('backend-protocol', 'HTTPS', lbProvenance('ListenerDescriptions.Listener.InstanceProtocol', 'the classic ELB spoke HTTPS to the instances'));

  // The original health check, verbatim.
  const hc = front.healthCheck;
  if (hc) {
    const field = (name: keyof typeof hc.fields, reason: string) => fromAws(hc.source, hc.fields[name], reason);
    set('healthcheck-protocol', hc.protocol === 'HTTPS' ? 'HTTPS' : hc.protocol === 'HTTP' ? 'HTTP' : 'HTTP', field('protocol', hc.protocol === 'HTTP' || hc.protocol === 'HTTPS' ? 'the load balancer\'s health check protocol, kept' : `an ALB cannot run ${hc.protocol} health checks: HTTP on the same port`));
    const portValue = hc.port === 'traffic-port' || hc.port === ports.main.instancePort ? 'traffic-port' : String(containerPortFor(hc.port));
    set('healthcheck-port', portValue, field('port', portValue === 'traffic-port' ? 'the health check ran on the traffic port' : `the health check ran on port ${String(hc.port)} (the pod's ${portValue} with ip targets)`));
    if (hc.path) set('healthcheck-path', hc.path, field('path', 'the load balancer\'s health check path, kept'));
    if (hc.intervalSeconds !== undefined) set('healthcheck-interval-seconds', String(hc.intervalSeconds), field('interval', 'kept as it was'));
    if (hc.timeoutSeconds !== undefined) set('healthcheck-timeout-seconds', String(hc.timeoutSeconds), field('timeout', 'kept as it was'));
    if (hc.healthyThreshold !== undefined) set('healthy-threshold-count', String(hc.healthyThreshold), field('healthy', 'kept as it was'));
    if (hc.unhealthyThreshold !== undefined) set('unhealthy-threshold-count', String(hc.unhealthyThreshold), field('unhealthy', 'kept as it was'));
    if (hc.classic) set('success-codes', '200', field('matcher', 'a classic ELB treats only 200 as healthy'));
    else if (hc.matcher) set('success-codes', hc.matcher, fromAws(hc.source, 'Matcher.HttpCode', 'kept as it was'));
    else if (hc.grpcMatcher) set('success-codes', hc.grpcMatcher, fromAws(hc.source, 'Matcher.GrpcCode', 'kept as it was'));
  } else if (readiness && 'httpGet' in readiness) {
    // A load balancer new to this workload checks what readiness checks, not the ALB default "/".
    set('healthcheck-path', readiness.httpGet.path, byDefault('no load balancer checked the application on EC2: the new ALB checks the readiness path'));
  }
}

/** Plans `ingress.*` and the ALB annotations; with `outline`, only the tasks and warnings. */
export function planIngress(sources: WorkloadSources, front: Front, ports: PortPlan, shutdown: ShutdownPlan, exposure: Exposure, ingressClass: { value: string; provenance: Provenance }, readiness?: ProbeHandler, outline = false): Contribution {
  const out = contribution();
  if (exposure.mode !== 'ingress') {
    if (!outline) out.values.push({ path: 'ingress.enabled', value: false, provenance: byDefault(exposure.mode === 'nlb' ? 'the workload was behind a network load balancer: it gets a LoadBalancer Service instead' : 'no load balancer in front on EC2: reachable inside the cluster only') });
    return out;
  }
  const lb = front.loadBalancer;
  const lbProvenance = (field: string, reason: string): Provenance => (lb ? fromAws(lb, field, reason) : exposure.elasticIp ? fromAws(exposure.elasticIp, 'PublicIp', reason) : byDefault(reason));
  // An outline drops the values: what builds them is skipped, down to their provenance.
  const set = (key: string, value: string, provenance: Provenance) => {
    if (!outline) out.values.push({ path: ['ingress', 'annotations', `${ALB}${key}`], value, provenance });
  };

  if (!outline) {
    out.values.push({ path: 'ingress.enabled', value: true, provenance: lbProvenance(lb ? 'Type' : 'PublicIp', lb ? `an ${front.kind === 'alb' ? 'application' : 'HTTP(S) classic'} load balancer served the workload: the AWS Load Balancer Controller creates an ALB from this Ingress` : 'clients reached the instance over HTTP at its Elastic IP: an ALB takes its place') });
    out.values.push({ path: 'ingress.className', value: ingressClass.value, provenance: ingressClass.provenance });
  }
  if (ingressClass.value !== 'alb') out.warnings.push(`Ingress class ${ingressClass.value} is not the AWS Load Balancer Controller's; the alb.ingress.kubernetes.io annotations are ignored by other controllers.`);
  if (exposure.scheme) set('scheme', exposure.scheme.value, exposure.scheme.provenance);
  if (!outline) set('target-type', 'ip', byDefault('ip targets route to pods directly: the Service stays ClusterIP, and readiness gates and stickiness work'));

  // Listeners.
  const listeners = front.listeners.filter((l) => l.protocol === 'HTTP' || l.protocol === 'HTTPS');
  if (listeners.length > 0) {
    if (front.kind === 'classic-http' && listeners.some((l) => l.protocol === 'HTTPS')) out.warnings.push('Classic ELB TLS negotiation policies have no ALB equivalent by name; the LBC default ssl-policy applies. Set alb.ingress.kubernetes.io/ssl-policy to the nearest predefined policy.');
    if (!outline) annotateListeners(set, front, listeners, lbProvenance);
  } else if (exposure.elasticIp) {
    const plain = ports.entryPorts.filter((p) => p !== 443);
    const listen = plain.length > 0 ? plain : [80];
    set('listen-ports', `[${listen.map((p) => `{"HTTP":${p}}`).join(',')}]`, fromAws(exposure.elasticIp, 'PublicIp', `clients reached the Elastic IP on port ${ports.entryPorts.join(' and ')}`));
    if (ports.entryPorts.includes(443)) {
      out.tasks.push({ id: 'tls-certificate', kind: 'network', title: 'Give the ALB the TLS certificate', detail: 'Clients used HTTPS on port 443, terminated on the instance. Import or issue the certificate in ACM, set alb.ingress.kubernetes.io/certificate-arn and add {"HTTPS":443} to alb.ingress.kubernetes.io/listen-ports (ssl-redirect: \'443\' sends HTTP to HTTPS).', blocking: true });
    }
  }

  if (!outline) annotateBackend(set, front, ports, lbProvenance, readiness);
  const tg = front.targetGroup;

  // Target group attributes: the deregistration delay the pods are sized for, and non-default extras.
  const attributes: string[] = [];
  const attributeSources: string[] = [];
  if (shutdown.deregistrationDelay) {
    attributes.push(`deregistration_delay.timeout_seconds=${shutdown.deregistrationDelay.seconds}`);
    attributeSources.push(shutdown.deregistrationDelay.provenance.reason);
  }
  if (tg) {
    const attrs = attributesOf(tg.data);
    // The attributes kept are values only; the stickiness warning is for outlines too.
    if (!outline) {
      for (const [key, fallback] of Object.entries(TG_ATTRIBUTE_DEFAULTS)) {
        const value = attrs[key];
        if (value === undefined || value === fallback) continue;
        attributes.push(`${key}=${value}`);
        if (key === 'stickiness.enabled') for (const extra of TG_STICKINESS_DETAIL) if (attrs[extra]) attributes.push(`${extra}=${attrs[extra]}`);
      }
    }
    if (attrs['stickiness.enabled'] === 'true') out.warnings.push(`Target group ${tg.ref.name} uses sticky sessions: sessions probably live in the instance's memory. Move them to a shared store (ElastiCache, the database) so that any replica can serve any user.`);
  } else if (lb && front.kind === 'classic-http') {
    const stickiness = asArray(asRecord(lb.data.Policies).LBCookieStickinessPolicies).length + asArray(asRecord(lb.data.Policies).AppCookieStickinessPolicies).length;
    if (stickiness > 0) out.warnings.push(`Classic ELB ${lb.ref.name} has stickiness policies; set stickiness.* in alb.ingress.kubernetes.io/target-group-attributes if sessions cannot move to a shared store.`);
  }
  if (attributes.length > 0 && !outline) {
    const origin = tg ?? lb;
    set('target-group-attributes', [...new Set(attributes)].sort().join(','), origin ? fromAws(origin, tg ? 'Attributes' : 'ConnectionDraining', `target group attributes kept from AWS (${attributeSources.join('; ') || 'non-default values'})`) : byDefault('deregistration delay'));
  }

  // Load balancer attributes worth keeping.
  const lbAttributes: string[] = [];
  if (lb && front.kind === 'alb') {
    // Values only: an outline skips reading them.
    const attrs = outline ? {} : attributesOf(lb.data);
    if (attrs['idle_timeout.timeout_seconds'] && attrs['idle_timeout.timeout_seconds'] !== '60') lbAttributes.push(`idle_timeout.timeout_seconds=${attrs['idle_timeout.timeout_seconds']}`);
    if (attrs['deletion_protection.enabled'] === 'true') lbAttributes.push('deletion_protection.enabled=true');
  } else if (lb) {
    const idle = asRecord(asRecord(lb.data.LoadBalancerAttributes ?? lb.data.Attributes).ConnectionSettings).IdleTimeout;
    if (idle !== undefined && String(idle) !== '60') lbAttributes.push(`idle_timeout.timeout_seconds=${String(idle)}`);
    if (classicAttributesOf(lb.data)?.crossZone === false) out.warnings.push(`Classic ELB ${lb.ref.name} had cross-zone load balancing off; an ALB always balances across zones.`);
  }
  if (lbAttributes.length > 0 && lb && !outline) set('load-balancer-attributes', lbAttributes.sort().join(','), fromAws(lb, 'Attributes', 'non-default load balancer attributes, kept'));

  // Hosts and paths from the rules that forward to the workload's target group.
  const hosts = new Map<string, IngressPath[]>();
  const addPath = (host: string, path: IngressPath) => {
    const list = hosts.get(host) ?? [];
    if (!list.some((p) => p.path === path.path && p.pathType === path.pathType)) list.push(path);
    hosts.set(host, list);
  };
  const defaultRoutes = !outline && (front.kind !== 'alb' || front.listeners.some((l) => !l.redirectsToHttps && asArray(l.source.data.DefaultActions).some((a) => asString(asRecord(a).TargetGroupArn) === tg?.ref.id || asArray(asRecord(asRecord(a).ForwardConfig).TargetGroups).some((t) => asString(asRecord(t).TargetGroupArn) === tg?.ref.id))));
  if (defaultRoutes) addPath('', { path: '/', pathType: 'Prefix' });
  let ruleSource: Sourced | undefined;
  const ignored = new Set<string>();
  for (const rule of front.kind === 'alb' ? sources.rules : []) {
    if (rule.data.IsDefault === true) continue;
    const conditions = asArray(rule.data.Conditions).map(asRecord);
    const hostValues = conditions.filter((c) => c.Field === 'host-header').flatMap((c) => conditionValues(c, 'HostHeaderConfig'));
    const pathValues = conditions.filter((c) => c.Field === 'path-pattern').flatMap((c) => conditionValues(c, 'PathPatternConfig'));
    for (const c of conditions) if (c.Field !== 'host-header' && c.Field !== 'path-pattern') ignored.add(String(c.Field));
    ruleSource ??= rule;
    for (const host of hostValues.length > 0 ? hostValues : ['']) {
      if (host !== '' && !validHost(host)) {
        out.warnings.push(`Host condition ${host} of rule ${rule.ref.id} has a wildcard an Ingress host cannot express; add it with alb.ingress.kubernetes.io/conditions.<service>.`);
        continue;
      }
      if (!outline) for (const pattern of pathValues.length > 0 ? pathValues : ['/*']) addPath(host.toLowerCase(), ingressPathOf(pattern));
    }
  }
  if (ignored.size > 0) out.warnings.push(`Listener rule conditions ${[...ignored].sort().join(', ')} are not carried over; express them with alb.ingress.kubernetes.io/conditions.<service> annotations.`);
  if (outline) return out;
  if (hosts.size === 0) addPath('', { path: '/', pathType: 'Prefix' });
  const hostList = [...hosts.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
    .map(([host, paths]) => ({ host, paths: paths.sort((a, b) => a.path.localeCompare(b.path) || a.pathType.localeCompare(b.pathType)) }));
  out.values.push({ path: 'ingress.hosts', value: hostList, provenance: ruleSource ? fromAws(ruleSource, 'Conditions', 'host-header and path-pattern conditions of the listener rules that forward to the target group') : lbProvenance(front.kind === 'alb' ? 'DefaultActions' : 'ListenerDescriptions', 'the listener forwarded every request to the workload') });
  out.values.push({ path: 'ingress.tls', value: [], provenance: byDefault('TLS terminates on the ALB with the ACM certificate in certificate-arn') });
  return out;
}

