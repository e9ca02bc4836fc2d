/** Plans for estates built with the estate builder and resolved by the real resolver. */
import { mapWorkload } from '../../src/mapping/map-workload.js';
import type { AppDefinition, KubernetesPlan, PlanDefaults, WorkloadDecision } from '../../src/mapping/types.js';
import { resolve } from '../../src/model/resolve.js';
import type { Model } from '../../src/model/types.js';
import { loadAppCatalog } from '../../src/plan/app-catalog-file.js';
import type { Finding } from '../../src/rules/types.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { snapshotOf, type EstateInput } from '../helpers/estate-builder.js';

let catalog: Promise<AppDefinition[]> | undefined;

/** The bundled known-application catalog (apps/). */
export function apps(): Promise<AppDefinition[]> {
  catalog ??= loadAppCatalog();
  return catalog;
}

export interface PlanOptions {
  decision?: WorkloadDecision;
  defaults?: PlanDefaults;
  findings?: Finding[];
  /** Detect known applications with the bundled catalog (default true). */
  detect?: boolean;
}

/** Resolves an estate and maps the workload with this id or name. */
export async function planOf(input: EstateInput, workload: string, options: PlanOptions = {}): Promise<{ plan: KubernetesPlan; model: Model; snapshot: Snapshot }> {
  const snapshot = snapshotOf(input);
  const model = resolve(snapshot);
  const found = model.workloads.find((w) => w.id === workload || w.name === workload);
  if (!found) throw new Error(`no workload ${workload}; have ${model.workloads.map((w) => `${w.id} (${w.name})`).join(', ')}`);
  const plan = mapWorkload(model, found, options.findings ?? [], options.decision, options.defaults, { apps: options.detect === false ? [] : await apps() });
  return { plan, model, snapshot };
}

/** The value at a dotted path (segments for keys with dots). */
export function at(values: Record<string, unknown>, ...path: (string | number)[]): unknown {
  let node: unknown = values;
  for (const segment of path.flatMap((p) => (typeof p === 'string' && !p.includes('/') ? p.split('.') : [p]))) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
