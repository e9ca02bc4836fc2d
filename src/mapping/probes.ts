/**
 * Probes (k8s-mapping.md §A.8). Readiness follows the load balancer's health
 * check, made faster; liveness is never identical to readiness (kube-score
 * pod-probes-identical); startup covers the Auto Scaling grace period and the
 * launching lifecycle hooks. Kubernetes httpGet probes accept only 200–399,
 * so wider matchers fall back to tcpSocket.
 */
import { healthCheckTypes } from '../model/aws-shapes.js';
import { asNumber, asString, byDefault, clamp, fromAws, fromCatalog, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { Front, HealthCheck } from './front.js';
import type { PortPlan } from './ports.js';
import type { AppDefinition, Provenance } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

/** ELBv2 API defaults for HTTP(S) target groups (CreateTargetGroup) and the classic ELB defaults. */
const AWS_DEFAULTS = { interval: 30, timeout: 5, unhealthy: 2 };
/** Used when there is no Auto Scaling grace period: the EC2 console's default grace of 300 s. */
const DEFAULT_GRACE_SECONDS = 300;

export type ProbeHandler = { httpGet: { path: string; port: string; scheme?: 'HTTPS' } } | { tcpSocket: { port: string } };

export interface ProbePlan {
  readiness: ProbeHandler;
  liveness?: ProbeHandler;
  contribution: Contribution;
}

/**
 * True when every status code an ELBv2 matcher accepts lies in 200–399, the only
 * range kubelet treats as success. `200`, `200,302`, `200-299` pass; `200-499`, `401` do not.
 */
export function matcherFitsKubernetes(matcher: string | undefined): boolean {
  if (matcher === undefined || matcher.trim() === '') return true;
  return matcher.split(',').every((part) => {
    const m = /^\s*(\d{3})\s*(?:-\s*(\d{3}))?\s*$/.exec(part);
    if (!m) return false;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    return from >= 200 && to <= 399 && from <= to;
  });
}

interface Timing {
  value: number;
  provenance: Provenance;
}

function timing(hc: HealthCheck | undefined, key: 'intervalSeconds' | 'timeoutSeconds' | 'unhealthyThreshold', field: string, fallback: number, what: string): Timing {
  const value = hc?.[key];
  if (hc && value !== undefined) return { value, provenance: fromAws(hc.source, field, what) };
  return { value: fallback, provenance: byDefault(`${what}; ${hc ? 'not in the snapshot, so' : 'no load balancer health check, so'} the AWS default ${fallback} applies`) };
}

const withReason = (p: Provenance, reason: string): Provenance => ({ ...p, reason });

/** Plans readiness, liveness and startup probes; with `outline`, only the handlers and the warnings. */
export function planProbes(sources: WorkloadSources, front: Front, ports: PortPlan, app: AppDefinition | undefined, outline = false): ProbePlan {
  const out = contribution();
  const hc = front.healthCheck;
  const mainPort = ports.main.name;
  const hcPortName = hc && typeof hc.port === 'number' ? (ports.byInstancePort(hc.port)?.name ?? mainPort) : mainPort;

  let readiness: ProbeHandler;
  const set = (path: string, value: unknown, provenance: Provenance) => out.values.push({ path, value, provenance });
  const grpc = hc && !hc.classic && (hc.grpcMatcher !== undefined || asString(hc.source.data.ProtocolVersion) === 'GRPC');
  if (hc && (hc.protocol === 'HTTP' || hc.protocol === 'HTTPS') && !grpc && matcherFitsKubernetes(hc.matcher)) {
    const path = hc.path ?? '/';
    readiness = { httpGet: { path, port: hcPortName, ...(hc.protocol === 'HTTPS' ? { scheme: 'HTTPS' as const } : {}) } };
    set('readinessProbe.httpGet.path', path, hc.path ? fromAws(hc.source, hc.fields.path, 'the load balancer checked this path') : byDefault('the health check names no path; / is the AWS default'));
    set('readinessProbe.httpGet.port', hcPortName, fromAws(hc.source, hc.fields.port, 'the port the load balancer checked'));
    if (hc.protocol === 'HTTPS') set('readinessProbe.httpGet.scheme', 'HTTPS', fromAws(hc.source, hc.fields.protocol, 'the health check used HTTPS (kubelet does not verify the certificate)'));
  } else {
    readiness = { tcpSocket: { port: hcPortName } };
    let reason: string;
    if (!hc) {
      reason = app?.probes?.readinessPath ? '' : 'no load balancer health check: readiness checks that the port accepts connections';
    } else if (grpc) {
      reason = 'the target group checks a gRPC method; a Kubernetes grpc probe calls grpc.health.v1, so readiness only checks the port';
      out.warnings.push(`Target group ${hc.source.ref.name} checks gRPC (${hc.path ?? 'no path'}, codes ${hc.grpcMatcher ?? '12'}); readiness falls back to tcpSocket. Use a grpc probe if the service implements grpc.health.v1.`);
    } else if (hc.protocol === 'HTTP' || hc.protocol === 'HTTPS') {
      reason = `the health check accepts ${hc.matcher}, outside the 200-399 that Kubernetes httpGet probes accept, so readiness checks the port only`;
      out.warnings.push(`Health check of ${hc.source.ref.name} accepts status ${hc.matcher} on ${hc.path ?? '/'}; Kubernetes probes accept only 200-399, so readiness falls back to tcpSocket. Point the probe at a path that answers 2xx/3xx if the application has one.`);
    } else {
      reason = `the load balancer ran a ${hc.protocol} health check: the port accepts connections`;
    }
    if (!hc && app?.probes?.readinessPath) {
      readiness = { httpGet: { path: app.probes.readinessPath, port: mainPort } };
      set('readinessProbe.httpGet.path', app.probes.readinessPath, fromCatalog(app.id, `${app.name}'s readiness endpoint (no load balancer checked it on EC2)`));
      set('readinessProbe.httpGet.port', mainPort, fromCatalog(app.id, `${app.name}'s main port`));
    } else {
      set('readinessProbe.tcpSocket.port', hcPortName, hc ? fromAws(hc.source, hc.fields.protocol, reason) : byDefault(reason));
      if (!hc) out.warnings.push('No load balancer health check: readiness only checks that the port accepts connections. Add an HTTP readiness path if the application has one.');
    }
  }

  // Liveness: a distinct signal, slower and more tolerant, so that a slow
  // dependency takes a pod out of rotation instead of restarting it.
  const readinessPath = 'httpGet' in readiness ? readiness.httpGet.path : undefined;
  const appLiveness = app?.probes?.livenessPath && app.probes.livenessPath !== readinessPath ? app.probes.livenessPath : undefined;
  const liveness: ProbeHandler | undefined =
    appLiveness ? { httpGet: { path: appLiveness, port: mainPort } } : 'httpGet' in readiness || readiness.tcpSocket.port !== mainPort ? { tcpSocket: { port: mainPort } } : undefined;
  if (!liveness) out.warnings.push('No liveness probe: readiness can only check the port, and an identical liveness probe is flagged by linters. Add one if the application has a health endpoint.');
  if (!outline) setTimingsLivenessAndStartup(out, sources, hc, readiness, liveness, app, mainPort);

  if (sources.asg && front.kind !== 'none' && !healthCheckTypes(sources.asg.data).includes('ELB')) {
    out.warnings.push(`Auto Scaling group ${sources.asg.ref.name} replaced instances on EC2 status checks only (HealthCheckType ${String(sources.asg.data.HealthCheckType ?? 'EC2')}); on Kubernetes the probes above also restart and unroute failing pods.`);
  }
  return { readiness, liveness, contribution: out };
}

/** The probes' timings, the liveness values and the startup probe: values only, no task or warning (outlines skip them). */
function setTimingsLivenessAndStartup(out: Contribution, sources: WorkloadSources, hc: HealthCheck | undefined, readiness: ProbeHandler, liveness: ProbeHandler | undefined, app: AppDefinition | undefined, mainPort: string): void {
  const set = (path: string, value: unknown, provenance: Provenance) => out.values.push({ path, value, provenance });
  const interval = timing(hc, 'intervalSeconds', hc?.fields.interval ?? '', AWS_DEFAULTS.interval, 'the health check interval');
  const timeout = timing(hc, 'timeoutSeconds', hc?.fields.timeout ?? '', AWS_DEFAULTS.timeout, 'the health check timeout');
  const unhealthy = timing(hc, 'unhealthyThreshold', hc?.fields.unhealthy ?? '', AWS_DEFAULTS.unhealthy, 'the unhealthy threshold');
  const readinessPeriod = clamp(interval.value, 5, 10);
  set('readinessProbe.periodSeconds', readinessPeriod, withReason(interval.provenance, `clamp(${interval.value}, 5, 10): Kubernetes reacts faster than the ${interval.value} s load balancer check, which stays on the load balancer`));
  set('readinessProbe.timeoutSeconds', clamp(timeout.value, 1, readinessPeriod - 1), withReason(timeout.provenance, `clamp(${timeout.value}, 1, period - 1)`));
  set('readinessProbe.failureThreshold', clamp(unhealthy.value, 1, 10), withReason(unhealthy.provenance, `the load balancer's unhealthy threshold (${unhealthy.value}), at most 10`));
  set('readinessProbe.successThreshold', 1, byDefault('one success marks the pod ready; the load balancer keeps its own healthy threshold'));

  if (app && liveness && 'httpGet' in liveness) {
    set('livenessProbe.httpGet.path', liveness.httpGet.path, fromCatalog(app.id, `${app.name}'s liveness endpoint, distinct from readiness`));
    set('livenessProbe.httpGet.port', mainPort, fromCatalog(app.id, `${app.name}'s main port`));
  } else if (liveness) {
    set('livenessProbe.tcpSocket.port', mainPort, byDefault('liveness checks that the process accepts connections; it must differ from readiness (kube-score pod-probes-identical)'));
  } else {
    set('livenessProbe', null, byDefault('readiness already checks the port and nothing else is known to be a liveness signal; an identical liveness probe would restart pods for what readiness handles'));
  }
  if (liveness) {
    const period = Math.max(10, interval.value);
    set('livenessProbe.periodSeconds', period, withReason(interval.provenance, `max(10, ${interval.value}): liveness looks less often than readiness`));
    set('livenessProbe.timeoutSeconds', clamp(timeout.value, 1, period - 1), withReason(timeout.provenance, `clamp(${timeout.value}, 1, period - 1)`));
    set('livenessProbe.failureThreshold', Math.max(3, 2 * unhealthy.value), withReason(unhealthy.provenance, `max(3, 2 × ${unhealthy.value}): restart only after readiness has long given up`));
    set('livenessProbe.successThreshold', 1, byDefault('Kubernetes requires 1 for liveness'));
  }

  // Startup: the readiness handler with a budget that covers the old grace period.
  const grace = sources.asg ? asNumber(sources.asg.data.HealthCheckGracePeriod) : undefined;
  const launching = sources.lifecycleHooks.filter((h) => asString(h.data.LifecycleTransition) === 'autoscaling:EC2_INSTANCE_LAUNCHING');
  const hook = launching.reduce<{ seconds: number; source: Sourced } | undefined>((best, h) => {
    const seconds = asNumber(h.data.HeartbeatTimeout) ?? 3600;
    return !best || seconds > best.seconds ? { seconds, source: h } : best;
  }, undefined);
  let budget: number;
  let budgetProvenance: Provenance;
  if (hook && hook.seconds > (grace ?? 0)) {
    budget = hook.seconds;
    budgetProvenance = fromAws(hook.source, 'HeartbeatTimeout', `the launching lifecycle hook could hold a new instance ${hook.seconds} s`);
  } else if (sources.asg && grace !== undefined) {
    budget = grace;
    budgetProvenance = fromAws(sources.asg, 'HealthCheckGracePeriod', `the group gave new instances ${grace} s before health checks counted`);
  } else {
    budget = DEFAULT_GRACE_SECONDS;
    budgetProvenance = byDefault(`no Auto Scaling grace period: ${DEFAULT_GRACE_SECONDS} s, the EC2 console's default`);
  }
  const startupFailures = clamp(Math.ceil(budget / 10), 6, 360);
  if ('httpGet' in readiness) {
    set('startupProbe.httpGet.path', readiness.httpGet.path, byDefault('startup uses the readiness check'));
    set('startupProbe.httpGet.port', readiness.httpGet.port, byDefault('startup uses the readiness check'));
    if (readiness.httpGet.scheme) set('startupProbe.httpGet.scheme', readiness.httpGet.scheme, byDefault('startup uses the readiness check'));
  } else {
    set('startupProbe.tcpSocket.port', readiness.tcpSocket.port, byDefault('startup uses the readiness check'));
  }
  set('startupProbe.periodSeconds', 10, byDefault('startup is checked every 10 s'));
  set('startupProbe.failureThreshold', startupFailures, withReason(budgetProvenance, `${budgetProvenance.reason}: clamp(ceil(${budget} / 10), 6, 360) checks of 10 s (not initialDelaySeconds, so a fast start is not delayed)`));
  set('startupProbe.successThreshold', 1, byDefault('Kubernetes requires 1 for startup'));
}
