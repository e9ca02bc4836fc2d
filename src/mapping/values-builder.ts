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

interface ParsedPath {
  segments: readonly (string | number)[];
  /** formatPath of the segments. */
  key: string;
}

/** String paths are literals of the concerns, the same for every workload: parsed once per process. */
const parsedPaths = new Map<string, ParsedPath>();
/** A bound on the cache, in case a caller builds string paths from data. */
const MAX_PARSED_PATHS = 10_000;

function parsePath(path: ValuesPath): ParsedPath {
  if (typeof path !== 'string') return { segments: path, key: formatPath(path) };
  let parsed = parsedPaths.get(path);
  if (!parsed) {
    parsed = { segments: path.split('.'), key: formatPath(path) };
    if (parsedPaths.size < MAX_PARSED_PATHS) parsedPaths.set(path, parsed);
  }
  return parsed;
}

/**
 * The one way a values path is written (the key of `KubernetesPlan.provenance`):
 * plain keys joined by dots, other keys quoted in brackets, list indexes in brackets.
 * @example formatPath(['ingress', 'annotations', 'alb.ingress.kubernetes.io/scheme']) // ingress.annotations["alb.ingress.kubernetes.io/scheme"]
 */
export function formatPath(path: ValuesPath): string {
  let out = '';
  for (const segment of typeof path === 'string' ? path.split('.') : path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
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
  let root: Record<string, unknown> = {};
  // result() hands the tree over without copying it; a set after that copies it first, so
  // what result() returned never changes.
  let handedOver = false;
  const provenance = new Map<string, Provenance>();

  const parentOf = (segments: readonly (string | number)[], create: boolean): Record<string, unknown> | unknown[] | undefined => {
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
      if (handedOver) {
        root = clone(root) as Record<string, unknown>;
        handedOver = false;
      }
      const { segments, key } = parsePath(path);
      const parent = parentOf(segments, true) as Record<string | number, unknown>;
      const last = segments[segments.length - 1] as string | number;
      const previous = parent[last];
      parent[last] = clone(value);
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
      const { segments } = parsePath(path);
      const parent = parentOf(segments, false) as Record<string | number, unknown> | undefined;
      return parent?.[segments[segments.length - 1] as string | number];
    },
    has(path) {
      return builder.get(path) !== undefined;
    },
    result() {
      const sorted: Record<string, Provenance> = {};
      for (const key of [...provenance.keys()].sort()) sorted[key] = provenance.get(key) as Provenance;
      handedOver = true;
      return { values: root, provenance: sorted };
    },
  };
  return builder;
}

/** A deep copy of plain data, so that callers never share nodes with the tree. */
function clone(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(clone);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = clone((value as Record<string, unknown>)[k]);
  return out;
}
