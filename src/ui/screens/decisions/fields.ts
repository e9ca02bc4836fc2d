/**
 * The decisions a person can make about one workload, as data: each field's
 * value in the plan now, kubelift's default and why, and the checks a new
 * value must pass. Values are read from the plans the mapping made (with and
 * without the decision), never recomputed here; and a change is accepted only
 * when a trial plan with it shows the value asked for, so the wizard never
 * records a decision the mapping would quietly override.
 *
 * A decision records only what differs from the default, so plan.yaml stays
 * short and reviewable and a field set back to its default disappears.
 */
import { WORKLOAD_CLASSES, type KubernetesPlan, type WorkloadClass, type WorkloadDecision } from '../../../mapping/types.js';
import { provenanceOf, sourceLine, valueAt } from '../../plan-values.js';

export type FieldId = 'include' | 'kind' | 'class' | 'replicas' | 'autoscaling' | 'minReplicas' | 'maxReplicas' | 'ingressClass' | 'imageRepository' | 'imageTag';

/** The fields in screen order. */
export const FIELDS: readonly FieldId[] = ['include', 'kind', 'class', 'replicas', 'autoscaling', 'minReplicas', 'maxReplicas', 'ingressClass', 'imageRepository', 'imageTag'];

export const MAX_REPLICAS = 1000;

/** What a field reads and what a change is checked against. */
export interface FieldContext {
  /** The plan without decisions: the defaults. */
  base: KubernetesPlan;
  /** The plan with the current decision. */
  current: KubernetesPlan;
  decision: WorkloadDecision | undefined;
  /** A trial plan with another decision; undefined when the mapping fails on it. */
  planWith(decision: WorkloadDecision | undefined): KubernetesPlan | undefined;
}

/** A field as the screen shows it. */
export interface FieldView {
  id: FieldId;
  label: string;
  /** How the value changes: toggled, cycled through choices, or typed. */
  input: 'toggle' | 'choice' | 'text';
  value: string;
  defaultValue: string;
  /** Why kubelift chose the default, and where it came from. */
  why: string;
  source: string;
  /** True when the decision sets this field. */
  decided: boolean;
  /** Set when the field does not apply now (the replicas while autoscaling is on). */
  inactive?: string;
  /** Accepted, but worth knowing (one replica is a single point of failure). */
  warning?: string;
}

const LABELS: Record<FieldId, string> = {
  include: 'Include in export',
  kind: 'Workload kind',
  class: 'HA class',
  replicas: 'Replicas',
  autoscaling: 'Autoscaling (HPA)',
  minReplicas: 'HPA minimum',
  maxReplicas: 'HPA maximum',
  ingressClass: 'Ingress class',
  imageRepository: 'Image repository',
  imageTag: 'Image tag',
};

const PATHS: Record<FieldId, string> = {
  include: '',
  kind: 'workload.kind',
  class: 'kubelift.haClass',
  replicas: 'replicaCount',
  autoscaling: 'autoscaling.enabled',
  minReplicas: 'autoscaling.minReplicas',
  maxReplicas: 'autoscaling.maxReplicas',
  ingressClass: 'ingress.className',
  imageRepository: 'image.repository',
  imageTag: 'image.tag',
};

/** The values path a field decides (`replicaCount`). */
export function fieldPath(field: FieldId): string {
  return PATHS[field];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** A field's value in a plan, as text. */
export function readField(plan: KubernetesPlan, decision: WorkloadDecision | undefined, field: FieldId): string {
  switch (field) {
    case 'include':
      return decision?.include === false ? 'no (skipped)' : 'yes';
    case 'kind':
      return plan.kind;
    case 'class':
      return plan.class;
    case 'replicas': {
      const count = valueAt(plan.values, 'replicaCount');
      return String(typeof count === 'number' ? count : plan.replicas);
    }
    case 'autoscaling':
      return plan.autoscaling.enabled ? 'on' : 'off';
    case 'minReplicas':
      return plan.autoscaling.enabled && plan.autoscaling.minReplicas !== undefined ? String(plan.autoscaling.minReplicas) : '—';
    case 'maxReplicas':
      return plan.autoscaling.enabled && plan.autoscaling.maxReplicas !== undefined ? String(plan.autoscaling.maxReplicas) : '—';
    case 'ingressClass': {
      const value = str(valueAt(plan.values, PATHS.ingressClass));
      return value === '' ? '(cluster default)' : value;
    }
    case 'imageRepository':
    case 'imageTag':
      return str(valueAt(plan.values, PATHS[field])) || '(none)';
  }
}

function decides(decision: WorkloadDecision | undefined, field: FieldId): boolean {
  if (!decision) return false;
  switch (field) {
    case 'include':
      return decision.include !== undefined;
    case 'kind':
      return decision.kind !== undefined;
    case 'class':
      return decision.class !== undefined;
    case 'replicas':
      return decision.replicas !== undefined;
    case 'autoscaling':
      return decision.autoscaling !== undefined;
    case 'minReplicas':
      return decision.autoscaling?.minReplicas !== undefined;
    case 'maxReplicas':
      return decision.autoscaling?.maxReplicas !== undefined;
    case 'ingressClass':
      return decision.ingressClass !== undefined;
    case 'imageRepository':
      return decision.image?.repository !== undefined;
    case 'imageTag':
      return decision.image?.tag !== undefined;
  }
}

/** Why a field does not apply to the plan as it stands, if it does not. */
function inactiveReason(ctx: FieldContext, field: FieldId): string | undefined {
  const { current, decision } = ctx;
  const singleton = current.class === 'singleton';
  // A singleton made by asking for one replica can be given replicas again; one kubelift chose cannot.
  if (singleton && decision?.replicas === undefined && (field === 'replicas' || field === 'autoscaling' || field === 'minReplicas' || field === 'maxReplicas')) {
    return 'This workload is planned as a singleton, which runs exactly one pod: change its HA class first to run more.';
  }
  if (field === 'replicas' && current.autoscaling.enabled) return 'Autoscaling is on: the HPA minimum sets the replicas.';
  if ((field === 'minReplicas' || field === 'maxReplicas') && !current.autoscaling.enabled) return 'Autoscaling is off: turn it on to use the HPA bounds.';
  return undefined;
}

function warningFor(ctx: FieldContext, field: FieldId): string | undefined {
  const { current, decision } = ctx;
  if (field === 'replicas' && decision?.replicas !== undefined && decision.replicas < 2) {
    return 'One replica makes this workload a singleton: a single point of failure, as on EC2.';
  }
  if (field === 'include' && decision?.include === false) return 'Skipped: export writes no values for this workload.';
  if (field === 'class' && current.class === 'singleton') return 'A singleton is not highly available on Kubernetes either; the plan lists what would make it so.';
  return undefined;
}

/** The fields of a workload as the decisions screen shows them. */
export function fieldViews(ctx: FieldContext): FieldView[] {
  const { base, current, decision } = ctx;
  return FIELDS.map((id) => {
    const provenance = id === 'include' ? undefined : provenanceOf(base, PATHS[id]);
    const view: FieldView = {
      id,
      label: LABELS[id],
      input: id === 'include' || id === 'autoscaling' ? 'toggle' : id === 'kind' || id === 'class' ? 'choice' : 'text',
      value: readField(current, decision, id),
      defaultValue: readField(base, undefined, id),
      why: id === 'include' ? 'Every workload found is planned; skip it to leave it out of the export.' : (provenance?.reason ?? 'The chart default.'),
      source: id === 'include' ? 'kubelift default' : sourceLine(provenance),
      decided: decides(decision, id),
    };
    const inactive = inactiveReason(ctx, id);
    if (inactive) view.inactive = inactive;
    const warning = warningFor(ctx, id);
    if (warning) view.warning = warning;
    return view;
  });
}

/** Drops what a decision no longer says; `undefined` when nothing is left. */
function tidy(decision: WorkloadDecision): WorkloadDecision | undefined {
  const out: WorkloadDecision = { ...decision };
  for (const key of Object.keys(out) as (keyof WorkloadDecision)[]) if (out[key] === undefined) delete out[key];
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The decision with one field set (or, with `undefined`, back to the default). */
function withField(ctx: FieldContext, field: FieldId, value: string | number | boolean | undefined): WorkloadDecision | undefined {
  const { base } = ctx;
  const d: WorkloadDecision = { ...(ctx.decision ?? {}) };
  switch (field) {
    case 'include':
      d.include = value === false ? false : undefined;
      break;
    case 'kind':
      d.kind = value === undefined || value === base.kind ? undefined : (value as KubernetesPlan['kind']);
      break;
    case 'class':
      d.class = value === undefined || value === base.class ? undefined : (value as WorkloadClass);
      // A singleton runs one pod: replicas and autoscaling decisions would contradict it (plan.yaml refuses both).
      if (value === 'singleton') {
        if (d.replicas !== undefined && d.replicas > 1) d.replicas = undefined;
        d.autoscaling = undefined;
      }
      break;
    case 'replicas':
      d.replicas = value === undefined || value === Number(readField(base, undefined, 'replicas')) ? undefined : (value as number);
      break;
    case 'autoscaling':
      if (value === undefined || value === base.autoscaling.enabled) d.autoscaling = undefined;
      else d.autoscaling = value ? { enabled: true, ...pick(d.autoscaling) } : { enabled: false };
      break;
    case 'minReplicas':
    case 'maxReplicas': {
      const scaling: NonNullable<WorkloadDecision['autoscaling']> = { ...(d.autoscaling ?? { enabled: true }), enabled: true };
      if (value === undefined) delete scaling[field];
      else scaling[field] = value as number;
      const bare = scaling.minReplicas === undefined && scaling.maxReplicas === undefined;
      d.autoscaling = bare && base.autoscaling.enabled ? undefined : scaling;
      break;
    }
    case 'ingressClass':
      d.ingressClass = value === undefined || value === readField(base, undefined, 'ingressClass') ? undefined : String(value);
      break;
    case 'imageRepository':
    case 'imageTag': {
      const repository = field === 'imageRepository' ? (value === undefined ? str(valueAt(base.values, PATHS.imageRepository)) : String(value)) : (d.image?.repository ?? str(valueAt(base.values, PATHS.imageRepository)));
      const tag = field === 'imageTag' ? (value === undefined ? undefined : String(value)) : d.image?.tag;
      const baseRepository = str(valueAt(base.values, PATHS.imageRepository));
      const baseTag = str(valueAt(base.values, PATHS.imageTag));
      d.image = repository === baseRepository && (tag === undefined || tag === baseTag) ? undefined : tag === undefined ? { repository } : { repository, tag };
      break;
    }
  }
  return tidy(d);
}

function pick(scaling: WorkloadDecision['autoscaling']): { minReplicas?: number; maxReplicas?: number } {
  const out: { minReplicas?: number; maxReplicas?: number } = {};
  if (scaling?.minReplicas !== undefined) out.minReplicas = scaling.minReplicas;
  if (scaling?.maxReplicas !== undefined) out.maxReplicas = scaling.maxReplicas;
  return out;
}

/**
 * Checks that a trial plan shows what was asked; the refusal quotes the
 * mapping's own reason for the value it keeps.
 */
function confirm(ctx: FieldContext, field: FieldId, decision: WorkloadDecision | undefined, wanted: string): { decision: WorkloadDecision | undefined } | { error: string } {
  const trial = ctx.planWith(decision);
  if (!trial) return { error: 'kubelift could not plan the workload with this value.' };
  const got = readField(trial, decision, field);
  if (got === wanted) return { decision };
  const reason = provenanceOf(trial, PATHS[field])?.reason;
  return { error: `kubelift would still plan ${got}${reason ? `: ${reason}` : ''}.` };
}

/** The decision after toggling or cycling a field, or the reason it cannot change. */
export function toggleField(ctx: FieldContext, field: FieldId): { decision: WorkloadDecision | undefined } | { error: string } {
  const inactive = inactiveReason(ctx, field);
  if (inactive) return { error: inactive };
  switch (field) {
    case 'include':
      return { decision: withField(ctx, 'include', ctx.decision?.include === false) };
    case 'kind': {
      const next = ctx.current.kind === 'Deployment' ? 'StatefulSet' : 'Deployment';
      return confirm(ctx, 'kind', withField(ctx, 'kind', next), next);
    }
    case 'class': {
      const next = WORKLOAD_CLASSES[(WORKLOAD_CLASSES.indexOf(ctx.current.class) + 1) % WORKLOAD_CLASSES.length] ?? 'replicable';
      return confirm(ctx, 'class', withField(ctx, 'class', next), next);
    }
    case 'autoscaling': {
      const next = !ctx.current.autoscaling.enabled;
      return confirm(ctx, 'autoscaling', withField(ctx, 'autoscaling', next), next ? 'on' : 'off');
    }
    default:
      return { error: 'This field is typed: press enter and type the value.' };
  }
}

/** The field back at kubelift's default. */
export function resetField(ctx: FieldContext, field: FieldId): WorkloadDecision | undefined {
  return withField(ctx, field, undefined);
}

/** The text a typed field starts with when editing begins. */
export function startText(ctx: FieldContext, field: FieldId): string {
  const value = readField(ctx.current, ctx.decision, field);
  return value === '—' || value === '(none)' || value === '(cluster default)' ? '' : value;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

function wholeNumber(text: string, min: number, max: number, what: string, why = ''): number | string {
  if (!/^\d+$/.test(text)) return `${what} must be a whole number from ${min} to ${max}.`;
  const n = Number(text);
  if (n < min || n > max) return `${what} must be from ${min} to ${max}${why}.`;
  return n;
}

/** Why a repository name is not a valid image repository, or undefined when it is. */
export function checkRepository(text: string): string | undefined {
  if (text === '') return 'An image repository is required (for example registry.example.com/team/app).';
  if (/\s/.test(text)) return 'An image repository has no spaces.';
  if (text.includes('@')) return 'Give the repository without a digest (@sha256:…).';
  if (text.length > 255) return 'An image repository is at most 255 characters.';
  const parts = text.split('/');
  const first = parts[0] ?? '';
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain && !DOMAIN.test(first)) return `"${first}" is not a valid registry host.`;
  for (const part of hasDomain ? parts.slice(1) : parts) {
    if (part.includes(':')) return 'Give the repository without a tag; the tag has its own field.';
    if (!PATH_COMPONENT.test(part)) return `"${part}" is not a valid repository path component: use lower-case letters and digits, with single . _ or - between them.`;
  }
  return undefined;
}

/** The decision after typing a value into a field, or the reason it is refused. */
export function applyText(ctx: FieldContext, field: FieldId, text: string): { decision: WorkloadDecision | undefined } | { error: string } {
  const inactive = inactiveReason(ctx, field);
  if (inactive) return { error: inactive };
  const value = text.trim();
  switch (field) {
    case 'replicas': {
      const n = wholeNumber(value, 1, MAX_REPLICAS, 'Replicas');
      if (typeof n === 'string') return { error: value === '0' ? 'Replicas must be at least 1: to leave the workload out, set "Include in export" to no.' : n };
      return confirm(ctx, field, withField(ctx, field, n), String(n));
    }
    case 'minReplicas':
    case 'maxReplicas': {
      const what = field === 'minReplicas' ? 'The HPA minimum' : 'The HPA maximum';
      const n = wholeNumber(value, field === 'minReplicas' ? 2 : 3, MAX_REPLICAS, what, field === 'minReplicas' ? ', so that one pod can fail' : ', above the minimum');
      if (typeof n === 'string') return { error: n };
      const other = field === 'minReplicas' ? ctx.current.autoscaling.maxReplicas : ctx.current.autoscaling.minReplicas;
      if (field === 'minReplicas' && other !== undefined && n >= other) return { error: `The HPA minimum must be below its maximum (${other}); raise the maximum first.` };
      if (field === 'maxReplicas' && other !== undefined && n <= other) return { error: `The HPA maximum must be above its minimum (${other}).` };
      return confirm(ctx, field, withField(ctx, field, n), String(n));
    }
    case 'ingressClass': {
      if (value === '') return { error: 'Type the IngressClass to use (for example alb or nginx), or press r for the default.' };
      if (value.length > 253 || !DNS_SUBDOMAIN.test(value)) return { error: 'An ingress class is a DNS name: lower-case letters, digits, "-" and "." (for example alb or nginx).' };
      return confirm(ctx, field, withField(ctx, field, value), value);
    }
    case 'imageRepository': {
      const problem = checkRepository(value);
      if (problem) return { error: problem };
      return confirm(ctx, field, withField(ctx, field, value), value);
    }
    case 'imageTag': {
      if (value === 'latest') return { error: 'Pin a version: "latest" makes rollouts unrepeatable.' };
      if (!TAG.test(value)) return { error: 'A tag is 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-" (for example 1.4.2).' };
      return confirm(ctx, field, withField(ctx, field, value), value);
    }
    default:
      return { error: 'This field is changed with enter or space, not typed.' };
  }
}
