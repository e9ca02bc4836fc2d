/**
 * Derived data the screens and reducers share: plans, values text, list
 * order. Each function is pure in its arguments and memoized, because the
 * same plan is asked for on every frame and a 10,000-row list must not be
 * re-sorted on every key press. Plans are computed lazily, per workload, the
 * first time something needs them.
 */
import type { KubernetesPlan, WorkloadClass } from '../mapping/types.js';
import type { WorkloadDecision } from '../plan/types.js';
import { isEmptyDecision, severityRank, type Readiness, type WizardData, type WizardServices } from './data.js';

export type SortKey = 'risk' | 'name' | 'readiness' | 'class';
export const SORT_KEYS: readonly SortKey[] = ['risk', 'name', 'readiness', 'class'];

/** A plan, or why there is none (the mapping failed on this workload). */
export type PlanResult = { plan: KubernetesPlan; error?: undefined } | { plan?: undefined; error: string };

/** What the list shows about a workload beyond its summary. */
export interface WorkloadInsight {
  class: WorkloadClass | undefined;
  kind: KubernetesPlan['kind'] | undefined;
  app: string | undefined;
  readiness: Readiness | undefined;
  error: string | undefined;
}

export interface Derive {
  /** The plan with the decision applied (`undefined` decision: kubelift's default). */
  plan(id: string, decision: WorkloadDecision | undefined): PlanResult;
  insight(id: string, decision: WorkloadDecision | undefined): WorkloadInsight;
  /** The insight when it is already computed; never plans (views call this on every frame). */
  peek(id: string, decision: WorkloadDecision | undefined): WorkloadInsight | undefined;
  /** The values.yaml text for the plan, or '' when there is no plan. */
  values(id: string, decision: WorkloadDecision | undefined): string;
  /**
   * Ids of the workloads the list shows for a filter and a sort. Sorting by
   * what plans say (readiness, class) uses the insights computed so far and
   * puts the rest last; the order settles as background planning finishes.
   */
  visible(query: string, sort: SortKey, decisions: Record<string, WorkloadDecision>): readonly string[];
  /** Position of an id in a list `visible` returned (-1 when absent). */
  indexIn(list: readonly string[], id: string | undefined): number;
  /** How many workloads already have an insight computed (progress of background scoring). */
  insightsReady(): number;
}

/** A stable text key for a decision: the same decision always gives the same key. */
export function decisionKey(decision: WorkloadDecision | undefined): string {
  if (isEmptyDecision(decision)) return '';
  return JSON.stringify(decision, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value,
  );
}

const CLASS_ORDER: Record<WorkloadClass, number> = { singleton: 0, 'app-clustered': 1, 'replicable-shared-storage': 2, replicable: 3 };

/** Builds the memoized derivations over one estate. */
export function createDerive(data: WizardData, services: WizardServices): Derive {
  const defaults = new Map<string, PlanResult>();
  const decided = new Map<string, { key: string; result: PlanResult }>();
  // Default and decided values are kept apart: the preview compares the two.
  const defaultValues = new Map<string, string>();
  const decidedValues = new Map<string, { key: string; text: string }>();
  const insights = new Map<string, { key: string; insight: WorkloadInsight }>();
  const positions = new WeakMap<readonly string[], Map<string, number>>();
  // Counts every insight computed, so a plan-based sort knows when to sort again.
  let generation = 0;
  let lastVisible: { query: string; sort: SortKey; decisions: Record<string, WorkloadDecision>; ready: number; ids: readonly string[] } | undefined;

  const compute = (id: string, decision: WorkloadDecision | undefined): PlanResult => {
    const workload = data.workload(id);
    if (!workload) return { error: `no workload ${id} in this snapshot` };
    try {
      return { plan: services.planFor(workload, data.findingsOf(id), isEmptyDecision(decision) ? undefined : decision, data.defaults) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };

  const plan = (id: string, decision: WorkloadDecision | undefined): PlanResult => {
    const key = decisionKey(decision);
    if (key === '') {
      let result = defaults.get(id);
      if (!result) defaults.set(id, (result = compute(id, undefined)));
      return result;
    }
    const cached = decided.get(id);
    if (cached && cached.key === key) return cached.result;
    const result = compute(id, decision);
    decided.set(id, { key, result });
    return result;
  };

  const insight = (id: string, decision: WorkloadDecision | undefined): WorkloadInsight => {
    const key = decisionKey(decision);
    const cached = insights.get(id);
    if (cached && cached.key === key) return cached.insight;
    const result = plan(id, decision);
    let readiness: Readiness | undefined;
    const workload = data.workload(id);
    if (result.plan && workload) {
      try {
        readiness = services.readiness(workload, result.plan, data.findingsOf(id));
      } catch {
        readiness = undefined;
      }
    }
    const value: WorkloadInsight = {
      class: result.plan?.class,
      kind: result.plan?.kind,
      app: result.plan?.app?.name,
      readiness,
      error: result.error,
    };
    insights.set(id, { key, insight: value });
    generation++;
    return value;
  };

  const peek = (id: string, decision: WorkloadDecision | undefined): WorkloadInsight | undefined => {
    const cached = insights.get(id);
    return cached && cached.key === decisionKey(decision) ? cached.insight : undefined;
  };

  const visible = (query: string, sort: SortKey, decisions: Record<string, WorkloadDecision>): readonly string[] => {
    // Decisions and newly computed insights only change the order when sorting by what a plan says.
    const planSort = sort === 'readiness' || sort === 'class';
    const ready = generation;
    if (lastVisible && lastVisible.query === query && lastVisible.sort === sort && (!planSort || (lastVisible.decisions === decisions && lastVisible.ready === ready))) return lastVisible.ids;
    const tokens = query.toLowerCase().split(/\s+/).filter(Boolean);
    let rows = tokens.length === 0 ? [...data.workloads] : data.workloads.filter((w) => tokens.every((t) => w.search.includes(t)));
    if (sort === 'risk') {
      rows.sort((a, b) => Number(b.spof) - Number(a.spof) || severityRank(a.severity) - severityRank(b.severity) || b.findings - a.findings || (a.id < b.id ? -1 : 1));
    } else if (sort === 'name') {
      rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    } else {
      // Not yet planned sorts last; no plan (the mapping failed) sorts first, as the hardest case.
      const rank = (value: number | undefined, known: boolean): number => (!known ? Number.MAX_SAFE_INTEGER : (value ?? -1));
      const keyed = rows.map((w) => {
        const found = peek(w.id, decisions[w.id]);
        return { w, key: sort === 'readiness' ? rank(found?.readiness?.score, found !== undefined) : rank(found?.class ? CLASS_ORDER[found.class] : undefined, found !== undefined) };
      });
      // Least ready, and hardest class, first: that is where the work is.
      keyed.sort((a, b) => a.key - b.key || (a.w.id < b.w.id ? -1 : 1));
      rows = keyed.map((k) => k.w);
    }
    const ids = rows.map((w) => w.id);
    lastVisible = { query, sort, decisions, ready, ids };
    return ids;
  };

  return {
    plan,
    insight,
    peek,
    values(id, decision) {
      const key = decisionKey(decision);
      const cached = key === '' ? defaultValues.get(id) : decidedValues.get(id)?.key === key ? decidedValues.get(id)?.text : undefined;
      if (cached !== undefined) return cached;
      const result = plan(id, decision);
      let text = '';
      if (result.plan) {
        try {
          text = services.valuesYaml(result.plan);
        } catch (error) {
          text = `# values could not be rendered: ${error instanceof Error ? error.message : String(error)}\n`;
        }
      }
      if (key === '') defaultValues.set(id, text);
      else decidedValues.set(id, { key, text });
      return text;
    },
    visible,
    indexIn(list, id) {
      if (id === undefined) return -1;
      let index = positions.get(list);
      if (!index) positions.set(list, (index = new Map(list.map((value, i) => [value, i]))));
      return index.get(id) ?? -1;
    },
    insightsReady: () => insights.size,
  };
}
