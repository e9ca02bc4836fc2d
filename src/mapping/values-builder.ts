/**
 * Builds a Helm values tree together with the provenance of every value. Concerns
 * hand in assignments (a path, a value, where it came from); the builder writes
 * them in order, so a later assignment (a decision) replaces an earlier one.
 */
import type { Provenance } from './types.js';

/** A path into the values tree: `readinessProbe.httpGet.path`, or segments when a key holds dots. */
export type ValuesPath = string | readonly (string | number)[];

/** One value a concern wants in the tree. */
export interface Assignment {
  path: ValuesPath;
  value: unknown;
  provenance: Provenance;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The segments of a path; string paths are split on dots. */
export function pathSegments(path: ValuesPath): (string | number)[] {
  return typeof path === 'string' ? path.split('.') : [...path];
}

/**
 * The one way a values path is written (the key of `KubernetesPlan.provenance`):
 * plain keys joined by dots, other keys quoted in brackets, list indexes in brackets.
 * @example formatPath(['ingress', 'annotations', 'alb.ingress.kubernetes.io/scheme']) // ingress.annotations["alb.ingress.kubernetes.io/scheme"]
 */
export function formatPath(path: ValuesPath): string {
  let out = '';
  for (const segment of pathSegments(path)) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A values tree under construction. */
export interface ValuesBuilder {
  set(path: ValuesPath, value: unknown, provenance: Provenance): void;
  apply(assignments: readonly Assignment[]): void;
  get(path: ValuesPath): unknown;
  has(path: ValuesPath): boolean;
  /** The tree and the provenance of each assigned path. */
  result(): { values: Record<string, unknown>; provenance: Record<string, Provenance> };
}

/** Starts an empty values tree. */
export function createValuesBuilder(): ValuesBuilder {
  const root: Record<string, unknown> = {};
  const provenance = new Map<string, Provenance>();

  const parentOf = (segments: (string | number)[], create: boolean): Record<string, unknown> | unknown[] | undefined => {
    let node: unknown = root;
    for (let i = 0; i < segments.length - 1; i++) {
      const key = segments[i] as string | number;
      const container = node as Record<string | number, unknown>;
      let next = container[key];
      if (next === undefined || next === null || typeof next !== 'object') {
        if (!create) return undefined;
        next = typeof segments[i + 1] === 'number' ? [] : {};
        container[key] = next;
      }
      node = next;
    }
    return node as Record<string, unknown> | unknown[];
  };

  const builder: ValuesBuilder = {
    set(path, value, origin) {
      const segments = pathSegments(path);
      const parent = parentOf(segments, true) as Record<string | number, unknown>;
      const last = segments[segments.length - 1] as string | number;
      const previous = parent[last];
      parent[last] = clone(value);
      const key = formatPath(segments);
      // A replaced subtree takes its descendants' provenance with it (only objects have descendants).
      if (typeof previous === 'object' && previous !== null) {
        for (const existing of [...provenance.keys()]) {
          if (existing.startsWith(`${key}.`) || existing.startsWith(`${key}[`)) provenance.delete(existing);
        }
      }
      provenance.set(key, origin);
    },
    apply(assignments) {
      for (const a of assignments) builder.set(a.path, a.value, a.provenance);
    },
    get(path) {
      const segments = pathSegments(path);
      const parent = parentOf(segments, false) as Record<string | number, unknown> | undefined;
      return parent?.[segments[segments.length - 1] as string | number];
    },
    has(path) {
      return builder.get(path) !== undefined;
    },
    result() {
      const sorted: Record<string, Provenance> = {};
      for (const key of [...provenance.keys()].sort()) sorted[key] = provenance.get(key) as Provenance;
      return { values: clone(root) as Record<string, unknown>, provenance: sorted };
    },
  };
  return builder;
}

/** A deep copy of plain data, so that callers never share nodes with the tree. */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = clone(v);
    return out;
  }
  return value;
}
