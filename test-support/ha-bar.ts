// test-support/ha-bar.ts — the kubelift "HA bar" as a pure function over rendered manifests.
//
// checkHaBar(manifests, opts) returns human-readable violations ("Kind/name: ..."); [] means the
// manifests clear the bar. The rules follow shared/k8s-mapping.md §0 and §C (what kube-score,
// Polaris and kube-linter check for availability):
//
//   replicable workloads (opts.expectReplicable):
//     - replicas >= 2, or an HPA / KEDA ScaledObject with a minimum >= 2 (and max > min);
//     - a PodDisruptionBudget in the same namespace whose selector matches the pod template labels;
//     - a topologySpreadConstraint on topology.kubernetes.io/zone whose labelSelector matches the pods;
//     - podAntiAffinity (preferred or required) on kubernetes.io/hostname whose labelSelector matches the pods;
//   singletons (!opts.expectReplicable): exactly one pod, no autoscaler, and no PDB that blocks drains;
//   every workload:
//     - PDB: unhealthyPodEvictionPolicy set; maxUnavailable/minAvailable set; never maxUnavailable 0/0%,
//       minAvailable 100% or minAvailable >= replicas; (replicable) maxUnavailable < replicas;
//     - every container has a readinessProbe; no container's livenessProbe is identical to its readinessProbe
//       (kube-score pod-probes-identical: httpGet with the same path and port IntValue, where every
//       named port counts as 0; tcpSocket with the same port; exec with the same command; plus grpc);
//     - opts.readiness: the first container's readiness handler matches it (named ports resolved);
//     - Service-backed pods (or opts.deregistrationDelaySeconds given): lifecycle.preStop on the first
//       container; a sleep preStop of >= minPreStopSeconds; terminationGracePeriodSeconds >= preStop
//       sleep + minDrainSeconds and >= deregistrationDelaySeconds;
//     - no spec.replicas on a workload targeted by an HPA or ScaledObject (kube-score critical);
//     - every NetworkPolicy selecting the pods has exactly one podSelector.matchLabels label, which is a
//       pod label (Polaris missingNetworkPolicy oneOf trap), both policyTypes and non-empty ingress and
//       egress rule lists; every NetworkPolicy selects at least one workload (kube-score networkpolicy-targets-pod).

export interface ReadinessExpectation {
  /** Probe handler the readiness probe must use. */
  handler?: 'httpGet' | 'tcpSocket' | 'grpc' | 'exec';
  /** httpGet path (implies handler httpGet when handler is omitted). */
  path?: string;
  /** Port number or container port name; names are resolved against the container's ports. */
  port?: number | string;
  /** httpGet scheme (HTTP or HTTPS). */
  scheme?: 'HTTP' | 'HTTPS';
}

export interface HaBarOptions {
  /** true for replicable / sharedStorage / appClustered workloads, false for singletons. */
  expectReplicable: boolean;
  /** Target group deregistration delay (or CLB connection draining timeout) the grace period must cover. */
  deregistrationDelaySeconds?: number;
  /** What the readiness probe must look like (derived from the ELB health check). */
  readiness?: ReadinessExpectation;
  /** Seconds the app needs after preStop to finish in-flight work (default 5). */
  minDrainSeconds?: number;
  /** Minimum preStop sleep so the load balancer stops sending traffic first (default 5). */
  minPreStopSeconds?: number;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asObj = (v: unknown): Obj => (isObj(v) ? v : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

const ZONE_KEY = 'topology.kubernetes.io/zone';
const HOST_KEY = 'kubernetes.io/hostname';

function nameOf(o: Obj): string {
  return String(asObj(o.metadata).name ?? '<unnamed>');
}
function nsOf(o: Obj): string {
  const ns = asObj(o.metadata).namespace;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}
function ref(o: Obj): string {
  return `${String(o.kind)}/${nameOf(o)}`;
}

/** Kubernetes LabelSelector semantics (matchLabels AND matchExpressions); an empty selector matches everything. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  for (const [k, v] of Object.entries(asObj(selector.matchLabels))) {
    if (labels[k] !== String(v)) return false;
  }
  for (const e of asArr(selector.matchExpressions)) {
    const expr = asObj(e);
    const key = String(expr.key);
    const values = asArr(expr.values).map(String);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(labels[key] as string)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key] as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Go's intstr.IntOrString.IntValue(): numbers as is, numeric strings parsed, anything else 0. */
function intValue(port: unknown): number {
  if (typeof port === 'number') return Math.trunc(port);
  if (typeof port === 'string' && /^[+-]?\d+$/.test(port)) return Number.parseInt(port, 10);
  return 0;
}

/** kube-score pod-probes-identical (+ grpc). */
export function probesIdentical(readiness: unknown, liveness: unknown): boolean {
  if (!isObj(readiness) || !isObj(liveness)) return false;
  const r = readiness;
  const l = liveness;
  if (isObj(r.httpGet) && isObj(l.httpGet)) {
    if ((r.httpGet.path ?? '') === (l.httpGet.path ?? '') && intValue(r.httpGet.port) === intValue(l.httpGet.port)) return true;
  }
  if (isObj(r.tcpSocket) && isObj(l.tcpSocket)) {
    if (typeof r.tcpSocket.port === typeof l.tcpSocket.port && r.tcpSocket.port === l.tcpSocket.port) return true;
  }
  if (isObj(r.exec) && isObj(l.exec)) {
    const rc = asArr(r.exec.command);
    const lc = asArr(l.exec.command);
    if (rc.length === lc.length && rc.every((v, i) => v === lc[i])) return true;
  }
  if (isObj(r.grpc) && isObj(l.grpc)) {
    if (r.grpc.port === l.grpc.port && (r.grpc.service ?? '') === (l.grpc.service ?? '')) return true;
  }
  return false;
}

function probeHandler(p: Obj): 'httpGet' | 'tcpSocket' | 'grpc' | 'exec' | undefined {
  for (const h of ['httpGet', 'tcpSocket', 'grpc', 'exec'] as const) if (isObj(p[h])) return h;
  return undefined;
}

function resolvePort(port: unknown, container: Obj): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string') {
    if (/^\d+$/.test(port)) return Number(port);
    const found = asArr(container.ports).map(asObj).find((p) => p.name === port);
    return found && isInt(found.containerPort) ? found.containerPort : undefined;
  }
  return undefined;
}

function percentOrInt(v: unknown): { pct?: number; int?: number } {
  if (isInt(v)) return { int: v };
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v);
    if (m) return { pct: Number(m[1]) };
    if (/^\d+$/.test(v)) return { int: Number(v) };
  }
  return {};
}

export function checkHaBar(manifests: object[], opts: HaBarOptions): string[] {
  const out: string[] = [];
  const objs = manifests.filter(isObj) as Obj[];
  const byKind = (kind: string): Obj[] => objs.filter((o) => o.kind === kind);
  const workloads = objs.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
  const minDrain = opts.minDrainSeconds ?? 5;
  const minPreStop = opts.minPreStopSeconds ?? 5;

  if (workloads.length === 0) return ['no Deployment or StatefulSet found in the manifests'];

  const podLabelsOf = (w: Obj): Record<string, string> => {
    const labels = asObj(asObj(asObj(asObj(w.spec).template).metadata).labels);
    return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
  };

  for (const w of workloads) {
    const where = ref(w);
    const ns = nsOf(w);
    const spec = asObj(w.spec);
    const labels = podLabelsOf(w);
    const podSpec = asObj(asObj(spec.template).spec);
    const containers = asArr(podSpec.containers).map(asObj);

    // --- selector sanity -------------------------------------------------------------------
    if (!selectorMatches(spec.selector, labels)) out.push(`${where}: spec.selector does not match the pod template labels`);

    // --- autoscalers ----------------------------------------------------------------------
    const hpas = byKind('HorizontalPodAutoscaler').filter((h) => {
      const t = asObj(asObj(h.spec).scaleTargetRef);
      return nsOf(h) === ns && t.kind === w.kind && t.name === nameOf(w);
    });
    const scaledObjects = byKind('ScaledObject').filter((s) => {
      const t = asObj(asObj(s.spec).scaleTargetRef);
      return nsOf(s) === ns && (t.kind ?? 'Deployment') === w.kind && t.name === nameOf(w);
    });
    const autoscalers = [...hpas, ...scaledObjects];
    if (autoscalers.length > 0 && spec.replicas !== undefined && spec.replicas !== null) {
      out.push(
        `${where}: sets spec.replicas while targeted by ${autoscalers.map(ref).join(', ')} (kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured); omit replicas`,
      );
    }
    if (autoscalers.length > 1) out.push(`${where}: targeted by more than one autoscaler (${autoscalers.map(ref).join(', ')})`);

    // replica count the workload runs with at minimum
    let minReplicas: number;
    if (hpas[0]) {
      const hs = asObj(hpas[0].spec);
      minReplicas = isInt(hs.minReplicas) ? hs.minReplicas : 1;
      const max = isInt(hs.maxReplicas) ? hs.maxReplicas : 0;
      if (opts.expectReplicable && max <= minReplicas) {
        out.push(`${ref(hpas[0])}: maxReplicas (${max}) must be greater than minReplicas (${minReplicas}) (Polaris hpaMaxAvailability)`);
      }
    } else if (scaledObjects[0]) {
      const ss = asObj(scaledObjects[0].spec);
      minReplicas = isInt(ss.minReplicaCount) ? ss.minReplicaCount : 0;
      const max = isInt(ss.maxReplicaCount) ? ss.maxReplicaCount : 100;
      if (opts.expectReplicable && max <= minReplicas) {
        out.push(`${ref(scaledObjects[0])}: maxReplicaCount (${max}) must be greater than minReplicaCount (${minReplicas})`);
      }
    } else {
      minReplicas = isInt(spec.replicas) ? spec.replicas : 1;
    }

    if (opts.expectReplicable) {
      if (minReplicas < 2) {
        const what = hpas[0]
          ? `${ref(hpas[0])} minReplicas is ${minReplicas}`
          : scaledObjects[0]
            ? `${ref(scaledObjects[0])} minReplicaCount is ${minReplicas}`
            : `replicas is ${spec.replicas === undefined ? 'unset (1)' : String(spec.replicas)}`;
        out.push(`${where}: a replicable workload needs at least 2 pods, but ${what}`);
      }
    } else {
      if (autoscalers.length > 0) out.push(`${where}: a singleton must not be autoscaled (${autoscalers.map(ref).join(', ')})`);
      else if (minReplicas !== 1) out.push(`${where}: a singleton must run exactly 1 pod, replicas is ${String(spec.replicas)}`);
    }

    // --- PodDisruptionBudget --------------------------------------------------------------
    const pdbsInNs = byKind('PodDisruptionBudget').filter((p) => nsOf(p) === ns);
    const pdbs = pdbsInNs.filter((p) => selectorMatches(asObj(p.spec).selector, labels));
    if (opts.expectReplicable && pdbs.length === 0) {
      const others = pdbsInNs.map(ref);
      out.push(
        `${where}: no PodDisruptionBudget in namespace ${ns} selects its pods` +
          (others.length ? ` (${others.join(', ')} has a selector that does not match the pod labels)` : ''),
      );
    }
    for (const pdb of pdbs) {
      const ps = asObj(pdb.spec);
      const pw = ref(pdb);
      if (ps.unhealthyPodEvictionPolicy === undefined || ps.unhealthyPodEvictionPolicy === null) {
        out.push(`${pw}: unhealthyPodEvictionPolicy is not set (kube-linter pdb-unhealthy-pod-eviction-policy; use AlwaysAllow)`);
      }
      const hasMax = ps.maxUnavailable !== undefined && ps.maxUnavailable !== null;
      const hasMin = ps.minAvailable !== undefined && ps.minAvailable !== null;
      if (!hasMax && !hasMin) out.push(`${pw}: neither maxUnavailable nor minAvailable is set (kube-score poddisruptionbudget-has-policy)`);
      if (hasMax) {
        const m = percentOrInt(ps.maxUnavailable);
        if (m.int === 0 || m.pct === 0) {
          out.push(`${pw}: maxUnavailable ${String(ps.maxUnavailable)} blocks every voluntary eviction (use maxUnavailable: 1)`);
        } else if (m.int === undefined && m.pct === undefined) {
          out.push(`${pw}: maxUnavailable ${JSON.stringify(ps.maxUnavailable)} is neither an integer nor a percentage`);
        } else if (opts.expectReplicable && m.int !== undefined && m.int >= minReplicas && minReplicas >= 2) {
          out.push(`${pw}: maxUnavailable ${m.int} lets all ${minReplicas} pods be evicted at once (use maxUnavailable: 1)`);
        } else if (opts.expectReplicable && m.pct !== undefined && m.pct >= 100) {
          out.push(`${pw}: maxUnavailable ${String(ps.maxUnavailable)} lets all pods be evicted at once (use maxUnavailable: 1)`);
        }
      }
      if (hasMin) {
        const m = percentOrInt(ps.minAvailable);
        if (m.pct !== undefined && m.pct >= 100) out.push(`${pw}: minAvailable ${String(ps.minAvailable)} blocks every voluntary eviction`);
        if (m.int !== undefined && m.int >= minReplicas) {
          out.push(`${pw}: minAvailable ${m.int} >= ${minReplicas} replicas blocks every voluntary eviction (use maxUnavailable: 1)`);
        }
      }
    }
    if (pdbs.length > 1) out.push(`${where}: selected by more than one PodDisruptionBudget (${pdbs.map(ref).join(', ')}); eviction fails`);

    // --- spread and anti-affinity ---------------------------------------------------------
    if (opts.expectReplicable) {
      const tscs = asArr(podSpec.topologySpreadConstraints).map(asObj);
      const zone = tscs.filter((c) => c.topologyKey === ZONE_KEY);
      if (zone.length === 0) {
        out.push(`${where}: no topologySpreadConstraint on ${ZONE_KEY} (Polaris topologySpreadConstraint)`);
      } else if (!zone.some((c) => selectorMatches(c.labelSelector, labels))) {
        out.push(`${where}: the ${ZONE_KEY} topologySpreadConstraint has no labelSelector matching the pod labels`);
      }
      for (const c of tscs) {
        if (!isInt(c.maxSkew) || c.maxSkew < 1) out.push(`${where}: topologySpreadConstraint ${String(c.topologyKey)} has maxSkew ${String(c.maxSkew)}`);
        if (c.minDomains !== undefined && c.whenUnsatisfiable !== 'DoNotSchedule') {
          out.push(`${where}: topologySpreadConstraint ${String(c.topologyKey)} sets minDomains without whenUnsatisfiable DoNotSchedule`);
        }
        if (c.labelSelector === undefined) out.push(`${where}: topologySpreadConstraint ${String(c.topologyKey)} has no labelSelector (kube-score)`);
      }
      const anti = asObj(asObj(podSpec.affinity).podAntiAffinity);
      const terms = [
        ...asArr(anti.requiredDuringSchedulingIgnoredDuringExecution).map(asObj),
        ...asArr(anti.preferredDuringSchedulingIgnoredDuringExecution).map((t) => asObj(asObj(t).podAffinityTerm)),
      ];
      const host = terms.filter((t) => t.topologyKey === HOST_KEY);
      if (host.length === 0) {
        out.push(`${where}: no podAntiAffinity on ${HOST_KEY} (kube-score host-podantiaffinity, kube-linter no-anti-affinity)`);
      } else if (!host.some((t) => selectorMatches(t.labelSelector, labels))) {
        out.push(`${where}: the ${HOST_KEY} podAntiAffinity term's labelSelector does not match the pod labels`);
      }
    }

    // --- probes ---------------------------------------------------------------------------
    if (containers.length === 0) out.push(`${where}: pod template has no containers`);
    for (const c of containers) {
      const cw = `${where} container ${String(c.name)}`;
      if (!isObj(c.readinessProbe)) out.push(`${cw}: no readinessProbe`);
      if (probesIdentical(c.readinessProbe, c.livenessProbe)) {
        out.push(`${cw}: livenessProbe is identical to readinessProbe (kube-score pod-probes-identical); use tcpSocket or another path for liveness`);
      }
    }
    const main = containers[0];
    if (main && opts.readiness && isObj(main.readinessProbe)) {
      const exp = opts.readiness;
      const r = main.readinessProbe;
      const handler = probeHandler(r);
      const wantHandler = exp.handler ?? (exp.path !== undefined || exp.scheme !== undefined ? 'httpGet' : undefined);
      const cw = `${where} container ${String(main.name)}`;
      if (wantHandler && handler !== wantHandler) out.push(`${cw}: readinessProbe uses ${String(handler)}, expected ${wantHandler}`);
      const action = handler ? asObj(r[handler]) : {};
      if (exp.path !== undefined && handler === 'httpGet' && (action.path ?? '/') !== exp.path) {
        out.push(`${cw}: readinessProbe path is ${String(action.path)}, expected ${exp.path}`);
      }
      if (exp.scheme !== undefined && handler === 'httpGet' && (action.scheme ?? 'HTTP') !== exp.scheme) {
        out.push(`${cw}: readinessProbe scheme is ${String(action.scheme ?? 'HTTP')}, expected ${exp.scheme}`);
      }
      if (exp.port !== undefined) {
        const got = resolvePort(action.port, main);
        const want = resolvePort(exp.port, main);
        if (got === undefined || got !== want) {
          out.push(`${cw}: readinessProbe port ${String(action.port)} (${String(got)}) does not match expected ${String(exp.port)} (${String(want)})`);
        }
      }
    }

    // --- graceful shutdown ----------------------------------------------------------------
    const services = byKind('Service').filter((s) => {
      const sel = asObj(s.spec).selector;
      return nsOf(s) === ns && isObj(sel) && Object.keys(sel).length > 0 && selectorMatches({ matchLabels: sel }, labels);
    });
    const needsDrain = services.length > 0 || opts.deregistrationDelaySeconds !== undefined;
    const grace = isInt(podSpec.terminationGracePeriodSeconds) ? podSpec.terminationGracePeriodSeconds : 30;
    if (needsDrain && main) {
      const preStop = asObj(asObj(main.lifecycle).preStop);
      const cw = `${where} container ${String(main.name)}`;
      let sleep = 0;
      if (Object.keys(preStop).length === 0) {
        out.push(`${cw}: no lifecycle.preStop; pods behind a load balancer get traffic after SIGTERM (add preStop sleep)`);
      } else if (isObj(preStop.sleep)) {
        sleep = isInt(preStop.sleep.seconds) ? preStop.sleep.seconds : 0;
        if (sleep < minPreStop) out.push(`${cw}: preStop sleep ${sleep}s is shorter than ${minPreStop}s`);
      }
      if (grace < sleep + minDrain) {
        out.push(`${where}: terminationGracePeriodSeconds ${grace} < preStop sleep ${sleep} + drain ${minDrain}`);
      }
    }
    if (opts.deregistrationDelaySeconds !== undefined && grace < opts.deregistrationDelaySeconds) {
      out.push(`${where}: terminationGracePeriodSeconds ${grace} < load balancer deregistration delay ${opts.deregistrationDelaySeconds}`);
    }

    // --- NetworkPolicies selecting these pods ---------------------------------------------
    for (const np of byKind('NetworkPolicy').filter((n) => nsOf(n) === ns)) {
      const ps = asObj(np.spec);
      if (!selectorMatches(ps.podSelector, labels)) continue;
      const nw = ref(np);
      const matchLabels = asObj(asObj(ps.podSelector).matchLabels);
      const keys = Object.keys(matchLabels);
      if (keys.length !== 1) {
        out.push(
          `${nw}: podSelector.matchLabels has ${keys.length} labels; Polaris missingNetworkPolicy (oneOf over pod labels) needs exactly one, put the rest in matchExpressions`,
        );
      }
      const types = asArr(ps.policyTypes);
      if (!types.includes('Ingress') || !types.includes('Egress')) out.push(`${nw}: policyTypes must list both Ingress and Egress (Polaris)`);
      if (asArr(ps.ingress).length === 0) out.push(`${nw}: no ingress rules (Polaris needs at least one; empty means deny all)`);
      if (asArr(ps.egress).length === 0) out.push(`${nw}: no egress rules (Polaris needs at least one; empty means deny all)`);
    }
  }

  // NetworkPolicies that select no workload at all (kube-score networkpolicy-targets-pod).
  for (const np of byKind('NetworkPolicy')) {
    const sel = asObj(np.spec).podSelector;
    const hits = workloads.some((w) => nsOf(w) === nsOf(np) && selectorMatches(sel, podLabelsOf(w)));
    if (!hits) out.push(`${ref(np)}: podSelector selects no pod of the rendered workloads`);
  }
  return out;
}
