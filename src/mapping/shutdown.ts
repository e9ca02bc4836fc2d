/**
 * Graceful shutdown: a preStop sleep that keeps the pod serving while the load
 * balancer stops routing to it, and a termination grace period that covers the
 * target group's deregistration delay, the classic ELB's connection draining
 * and terminating lifecycle hooks (k8s-mapping.md §0.9, §A.1, §A.2).
 */
import { classicAttributesOf } from '../model/aws-shapes.js';
import { asNumber, asString, attributesOf, byDefault, clamp, fromAws, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { Exposure } from './exposure.js';
import type { Front } from './front.js';
import type { Provenance } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

/** AWS's default deregistration delay (target groups) and the console's connection-draining timeout. */
const AWS_DEFAULT_DELAY = 300;
/** Cluster Autoscaler waits at most 600 s for a pod to terminate on scale-down. */
const MAX_GRACE = 600;

export interface ShutdownPlan {
  /** The deregistration delay the load balancer should keep (seconds), if there is a load balancer. */
  deregistrationDelay?: { seconds: number; provenance: Provenance };
  preStopSeconds: number;
  graceSeconds: number;
  contribution: Contribution;
}

/** The deregistration delay kubelift gives a load balancer that did not exist on EC2 (k8s-mapping §A.2: 30–60 s). */
const NEW_LOAD_BALANCER_DELAY = 30;

function delayOf(front: Front, exposure: Exposure | undefined): { seconds: number; provenance: Provenance } | undefined {
  if (front.kind === 'none') {
    if (!exposure || exposure.mode === 'cluster') return undefined;
    return { seconds: NEW_LOAD_BALANCER_DELAY, provenance: byDefault(`a new load balancer: ${NEW_LOAD_BALANCER_DELAY} s deregistration delay, enough for in-flight requests (AWS's default of 300 s would hold every rollout for five minutes)`) };
  }
  if (front.targetGroup) {
    const value = asNumber(attributesOf(front.targetGroup.data)['deregistration_delay.timeout_seconds']);
    if (value !== undefined) return { seconds: value, provenance: fromAws(front.targetGroup, 'deregistration_delay.timeout_seconds', 'the target group waited this long for in-flight requests of a deregistered target') };
    return { seconds: AWS_DEFAULT_DELAY, provenance: byDefault(`the target group's attributes are not in the snapshot: AWS's default deregistration delay of ${AWS_DEFAULT_DELAY} s`) };
  }
  const lb = front.loadBalancer as Sourced;
  const classic = classicAttributesOf(lb.data);
  if (classic?.connectionDraining === false) return { seconds: 0, provenance: fromAws(lb, 'ConnectionDraining.Enabled', 'connection draining was off: connections were cut at once') };
  if (classic?.connectionDrainingTimeout !== undefined) return { seconds: classic.connectionDrainingTimeout, provenance: fromAws(lb, 'ConnectionDraining.Timeout', 'the classic ELB drained connections this long') };
  return { seconds: AWS_DEFAULT_DELAY, provenance: byDefault(`the classic ELB's attributes are not in the snapshot: the usual ${AWS_DEFAULT_DELAY} s connection draining`) };
}

/** Plans preStop and terminationGracePeriodSeconds. */
export function planShutdown(sources: WorkloadSources, front: Front, exposure?: Exposure): ShutdownPlan {
  const out = contribution();
  const delay = delayOf(front, exposure);
  const terminating = sources.lifecycleHooks.filter((h) => asString(h.data.LifecycleTransition) === 'autoscaling:EC2_INSTANCE_TERMINATING');
  const hook = terminating.reduce<{ seconds: number; source: Sourced } | undefined>((best, h) => {
    const seconds = asNumber(h.data.HeartbeatTimeout) ?? 3600;
    return !best || seconds > best.seconds ? { seconds, source: h } : best;
  }, undefined);

  let preStop: number;
  let preStopProvenance: Provenance;
  if (delay) {
    preStop = clamp(delay.seconds, 15, 30);
    preStopProvenance = { ...delay.provenance, reason: `clamp(${delay.seconds}, 15, 30): the pod keeps serving while the load balancer controller deregisters it (without it, rollouts drop requests)` };
  } else {
    preStop = 10;
    preStopProvenance = byDefault('no load balancer: 10 s lets Service endpoints stop routing to the pod before it stops');
  }

  const candidates: { seconds: number; provenance: Provenance }[] = [{ seconds: preStop + 10, provenance: byDefault('preStop sleep plus 10 s for the application to finish') }];
  if (delay) candidates.push({ seconds: delay.seconds + 10, provenance: { ...delay.provenance, reason: `covers the ${delay.seconds} s deregistration delay plus 10 s, so in-flight requests finish before the pod is killed` } });
  if (hook) candidates.push({ seconds: hook.seconds, provenance: fromAws(hook.source, 'HeartbeatTimeout', `the terminating lifecycle hook allowed ${hook.seconds} s of drain work`) });
  const longest = candidates.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  let grace = longest.seconds;
  let graceProvenance = longest.provenance;
  if (grace > MAX_GRACE) {
    grace = MAX_GRACE;
    graceProvenance = { ...longest.provenance, reason: `${longest.provenance.reason}; capped at ${MAX_GRACE} s, the longest the Cluster Autoscaler waits` };
    out.warnings.push(`Shutdown needed ${longest.seconds} s; Kubernetes node scale-down waits at most ${MAX_GRACE} s, so terminationGracePeriodSeconds is ${MAX_GRACE}. Work that takes longer needs another design (a queue).`);
  }

  let kept = delay;
  if (delay && delay.seconds > grace - 10) {
    const lowered = Math.max(0, grace - 10);
    kept = { seconds: lowered, provenance: { ...delay.provenance, reason: `${delay.seconds} s lowered to ${lowered} s so the pod outlives it` } };
    out.warnings.push(`Deregistration delay ${delay.seconds} s is longer than a pod may take to stop; the load balancer annotation uses ${lowered} s.`);
  }
  if (hook) {
    out.tasks.push({ id: 'terminating-hook', kind: 'review', title: `Port the drain work of lifecycle hook ${hook.source.ref.name.split('/').pop()} to the preStop hook`, detail: `On EC2 a terminating lifecycle hook held instances up to ${hook.seconds} s while something drained them. On Kubernetes that work belongs in lifecycle.preStop (an exec or httpGet handler, within terminationGracePeriodSeconds ${grace} s).`, blocking: false });
  }

  out.values.push({ path: 'lifecycle.preStop.sleep.seconds', value: preStop, provenance: preStopProvenance });
  out.values.push({ path: 'terminationGracePeriodSeconds', value: grace, provenance: graceProvenance });
  return { deregistrationDelay: kept, preStopSeconds: preStop, graceSeconds: grace, contribution: out };
}
