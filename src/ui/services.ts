/**
 * The real pure steps behind the wizard: the mapping for plans, the Helm
 * values renderer, the readiness score. The command that starts the wizard
 * loads the inputs (rules, known-application catalog, chart defaults) and
 * passes them here; this module does no I/O.
 */
import { renderValues } from '../export/helm-values.js';
import { mapWorkload } from '../mapping/map-workload.js';
import type { AppDefinition } from '../mapping/types.js';
import type { Model } from '../model/types.js';
import { scoreReadiness } from '../plan/readiness.js';
import type { WizardServices } from './data.js';

export interface ServiceInputs {
  model: Model;
  apps: readonly AppDefinition[];
  /** The chart's own values.yaml, parsed, so values clear conflicting chart defaults as `export` writes them. */
  chartDefaults?: Record<string, unknown>;
}

/** Services that give the same plans and values as `kubelift export`. */
export function createWizardServices(inputs: ServiceInputs): WizardServices {
  return {
    planFor: (workload, own, decision, defaults) => mapWorkload(inputs.model, workload, own, decision, defaults, { apps: inputs.apps }),
    valuesYaml: (plan) => renderValues(plan, inputs.chartDefaults ? { chartDefaults: inputs.chartDefaults } : {}),
    readiness: (_workload, plan) => scoreReadiness(plan),
  };
}
