/**
 * Evaluates rules over a resolved estate. Each resource is visited once: its
 * facts and its workload's facts are fetched once and every rule of its type
 * runs on the same activation. Every (rule, resource) pair gets one of five
 * results; `error` and `unknown` are reported, never dropped or counted as passes.
 *
 * A large estate has millions of pairs, most of them passes: each rule keeps
 * one status byte per resource and a text only where there is one (a message,
 * an error, a gap); `results` lists them as objects when someone reads it.
 */
import type { Reporter } from '../events/types.js';
import type { Facts, Model, ResourceRef, Workload } from '../model/types.js';
import { RESOURCE_TYPES, SERVICE_OF, resourceId, type AwsResource, type ResourceType, type Service } from '../snapshot/types.js';
import { evaluationErrorMessage, renderTemplate, typeName, type CompiledExpression } from './cel.js';
import { compileRule, type CompiledRule } from './compile-rule.js';
import { coverageGaps } from './coverage-gaps.js';
import { servicesReadBy } from './fact-catalog.js';
import { compareByRule, compareFindings, findingId, findingIdOfKey, markInReportShape, resourceKeyOf } from './findings.js';
import { compareRefs, compareText, inReportOrder, refOf } from './resource-ref.js';
import type { Finding, Rule, RuleResult, RuleStatus } from './types.js';

export interface EvaluateOptions {
  /** Receives a `rules.rule-error` event for rules that could not be evaluated. */
  reporter?: Reporter;
}

export interface Evaluation {
  /** One result per (rule, resource) pair and per (workload rule, workload), grouped by rule id; built on first read. */
  results: RuleResult[];
  findings: Finding[];
  /** How many results have each status. */
  checks: Record<RuleStatus, number>;
  /** The `error` and `unknown` results, in the order of `results`. */
  undetermined: RuleResult[];
}

// Enough examples to act on without flooding the terminal; the report lists them all.
const ERROR_EVENTS_PER_RULE = 5;

/** Status codes, as stored per resource (in the order reports count them). */
const STATUSES: readonly RuleStatus[] = ['fires', 'passes', 'not-applicable', 'error', 'unknown'];
const FIRES = 0;
const PASSES = 1;
const NOT_APPLICABLE = 2;
const ERROR = 3;
const UNKNOWN = 4;

type Warn = (ruleId: string, resourceId: string, error: string) => void;

/** The id events name subject `i` by. */
type SubjectIdOf = (i: number) => string;

interface Reads {
  facts: boolean;
  workload: boolean;
}

/** What a rule is evaluated on, in report order: the resources of one type, or the workloads. */
interface Subjects {
  count: number;
  /** The reference results and findings report subject `i` on, made on first use. */
  ref(i: number): ResourceRef;
  /** The workload of subject `i` (the first of them for a shared resource). */
  workloadIds: (string | undefined)[];
  /** Ids of every workload a shared subject serves (resource rules only). */
  sharedOwners: Map<number, string[]>;
  /** What finding ids name subject `i` by (`resourceKeyOf`), made on first use and shared by the type's rules. */
  keys: (string | undefined)[];
}

interface Prepared {
  rule: Rule;
  /** Undefined when the rule does not compile; `compileError` says why. */
  compiled: CompiledRule | undefined;
  compileError: string;
  services: Service[];
  reads: Reads;
  subjects: Subjects | undefined;
  /** Status code per subject. */
  statuses: Uint8Array;
  /**
   * The message, error or gap of a subject, where there is one; made on the first one, since
   * a list as long as the estate costs milliseconds to allocate and many rules never fire.
   */
  details: (string | undefined)[] | undefined;
  /** Results that are not about one subject: the unknowns of regions not collected. */
  extra: RuleResult[];
  /** The rule's guard (`applies`), shared with the rules of its type that have the same one. */
  guard: SharedGuard | undefined;
}

/**
 * A guard several rules of a type have, such as `facts.running`: evaluated
 * once per subject, its value (or its error) given to each of those rules.
 */
class SharedGuard {
  #subject = -1;
  #value: unknown;
  #error: unknown;
  #failed = false;

  constructor(private readonly expression: CompiledExpression) {}

  evaluate(subject: number, activation: Record<string, unknown>): unknown {
    if (subject !== this.#subject) {
      this.#subject = subject;
      try {
        this.#value = this.expression.evaluate(activation);
        this.#failed = false;
      } catch (error) {
        this.#error = error;
        this.#failed = true;
      }
    }
    if (this.#failed) throw this.#error;
    return this.#value;
  }
}

/** Gives rules evaluated on the same subjects one guard per distinct `applies` text. */
function shareGuards(rules: readonly Prepared[]): void {
  const guards = new Map<string, SharedGuard>();
  for (const p of rules) {
    const applies = p.compiled?.applies;
    if (!applies) continue;
    let guard = guards.get(applies.source);
    if (!guard) guards.set(applies.source, (guard = new SharedGuard(applies)));
    p.guard = guard;
  }
}

const EMPTY_FACTS: Facts = Object.freeze({}) as Facts;

function prepare(rule: Rule): Prepared {
  const base = { rule, subjects: undefined, statuses: new Uint8Array(0), details: undefined, extra: [], guard: undefined };
  const result = compileRule(rule);
  if (!result.ok) return { ...base, compiled: undefined, compileError: result.problems.map((p) => `${p.field}: ${p.message}`).join('; '), services: [], reads: { facts: false, workload: false } };
  const { applies, condition, message } = result.compiled;
  const uses = (name: string): boolean => Boolean(applies?.variables.has(name) || condition.variables.has(name) || message.variables.has(name));
  return { ...base, compiled: result.compiled, compileError: '', services: servicesReadBy(rule, result.compiled.factReads), reads: { facts: uses('facts'), workload: uses('workload') } };
}

/** The resources of a type, sorted by account, region and id (then snapshot order), with references made on demand. */
function resourceSubjects(
  type: ResourceType,
  all: readonly AwsResource[],
  model: Model,
): { subjects: Subjects; resources: readonly AwsResource[]; ids: readonly string[]; positions?: readonly number[] } {
  // The resolver's references already hold each resource's id and name: read there, not worked out again.
  const known: (ResourceRef | undefined)[] = new Array(all.length);
  const allIds: string[] = new Array(all.length);
  for (let i = 0; i < all.length; i++) {
    const ref = model.refAt?.(type, i);
    known[i] = ref;
    allIds[i] = ref ? ref.id : resourceId(type, all[i]!);
  }
  const compare = (a: number, b: number): number => compareText(all[a]!.accountId, all[b]!.accountId) || compareText(all[a]!.region, all[b]!.region) || compareText(allIds[a]!, allIds[b]!) || a - b;
  let sorted = true;
  for (let i = 1; i < all.length && sorted; i++) sorted = compare(i - 1, i) <= 0;
  // Snapshots usually list resources in this order already: then no estate-long copies are made.
  let resources = all;
  let ids = allIds;
  let positions: number[] | undefined;
  let knownRefs = known;
  if (!sorted) {
    positions = all.map((_, i) => i).sort(compare);
    resources = positions.map((i) => all[i]!);
    ids = positions.map((i) => allIds[i]!);
    knownRefs = positions.map((i) => known[i]);
  }
  const refs: (ResourceRef | undefined)[] = new Array(resources.length);
  return {
    subjects: {
      count: resources.length,
      ref: (i) => (refs[i] ??= refOf(type, resources[i]!, ids[i], knownRefs[i]?.name)),
      workloadIds: new Array(resources.length),
      sharedOwners: new Map(),
      keys: new Array(resources.length),
    },
    resources,
    ids,
    positions,
  };
}

/** Evaluates every rule on every resource of its type (or every workload); results grouped by rule id. */
export function evaluateRules(model: Model, rules: Rule[], options: EvaluateOptions = {}): Evaluation {
  const gaps = coverageGaps(model.snapshot);
  const prepared = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(prepare);
  const errorCounts = new Map<string, number>();

  /** Stores a status; errors are also counted and the first few reported. */
  const record = (p: Prepared, i: number, status: number, idOf: SubjectIdOf): void => {
    p.statuses[i] = status;
    if (status !== ERROR) return;
    const count = (errorCounts.get(p.rule.id) ?? 0) + 1;
    errorCounts.set(p.rule.id, count);
    if (count <= ERROR_EVENTS_PER_RULE) options.reporter?.emit({ level: 'warn', code: 'rules.rule-error', ruleId: p.rule.id, resourceId: idOf(i), error: p.details?.[i] ?? '' });
  };

  const messageErrors = new Map<string, number>();
  const warn: Warn = (ruleId, resourceId, error) => {
    const count = (messageErrors.get(ruleId) ?? 0) + 1;
    messageErrors.set(ruleId, count);
    if (count <= ERROR_EVENTS_PER_RULE) options.reporter?.emit({ level: 'warn', code: 'rules.rule-error', ruleId, resourceId, error });
  };

  const workloadFacts = new Map<string, Facts>();
  const factsOfWorkload = (workload: Workload): Facts => {
    let facts = workloadFacts.get(workload.id);
    if (!facts) {
      facts = model.workloadFacts(workload.id);
      workloadFacts.set(workload.id, facts);
    }
    return facts;
  };

  const byType = new Map<ResourceType, Prepared[]>();
  const workloadRules: Prepared[] = [];
  for (const p of prepared) {
    if (p.rule.resourceType === 'workload') workloadRules.push(p);
    else byType.set(p.rule.resourceType, [...(byType.get(p.rule.resourceType) ?? []), p]);
  }

  for (const type of RESOURCE_TYPES) {
    const typeRules = byType.get(type);
    if (!typeRules) continue;
    // `positions` maps each subject to its place in the snapshot's list, where the model answers without a lookup by reference.
    const { subjects, resources, ids, positions } = resourceSubjects(type, model.snapshot.resources[type] ?? [], model);
    for (const p of typeRules) {
      p.subjects = subjects;
      p.statuses = new Uint8Array(subjects.count);
    }
    shareGuards(typeRules);
    // Facts are derived on demand: a type whose rules read none is never asked for them.
    const needsFacts = typeRules.some((p) => p.reads.facts);
    const needsWorkload = typeRules.some((p) => p.reads.workload);
    // Resources come sorted by account and region, so gaps are looked up once per region, not per check.
    let account: string | undefined;
    let region: string | undefined;
    let typeGap: string | undefined;
    let ruleGaps: (string | undefined)[] = [];
    // One reference and one activation, refilled for each resource: nothing keeps them past
    // the resource's evaluations, and a hundred thousand pairs of short-lived objects cost collections.
    const at = { type, id: '', accountId: '', region: '' };
    const activation: Record<string, unknown> = { resource: null, facts: EMPTY_FACTS, workload: null };
    const idOf: SubjectIdOf = (i) => ids[i]!;
    for (let i = 0; i < resources.length; i++) {
      const resource = resources[i]!;
      at.id = ids[i]!;
      at.accountId = resource.accountId;
      at.region = resource.region;
      if (at.accountId !== account || at.region !== region) {
        account = at.accountId;
        region = at.region;
        typeGap = gaps.ofType(type, at.accountId, at.region);
        ruleGaps = typeRules.map((p) => typeGap ?? (p.services.length ? gaps.ofServices(p.services, at.accountId, at.region) : undefined));
      }
      const position = positions ? positions[i]! : i;
      const owners = model.workloadsAt ? model.workloadsAt(type, position) : model.workloadsOf(at);
      const workload = owners[0];
      subjects.workloadIds[i] = workload?.id;
      if (owners.length > 1) subjects.sharedOwners.set(i, owners.map((w) => w.id));
      activation.resource = resource;
      activation.facts = needsFacts ? (model.factsAt ? model.factsAt(type, position) : model.facts(at)) : EMPTY_FACTS;
      activation.workload = needsWorkload && workload ? factsOfWorkload(workload) : null;
      for (let r = 0; r < typeRules.length; r++) {
        const p = typeRules[r]!;
        record(p, i, evaluateOne(p, i, idOf, activation, ruleGaps[r], warn), idOf);
      }
    }
    // Resources that were never seen still owe an answer: one `unknown` per account and region not collected.
    for (const gap of gaps.typeGaps(type)) {
      const ref: ResourceRef = { type, id: '*', accountId: gap.accountId, region: gap.region, name: `every ${type} in ${gap.accountId} ${gap.region}` };
      for (const p of typeRules) p.extra.push(resultOf(p.rule.id, 'unknown', ref, undefined, gap.detail));
    }
  }

  if (workloadRules.length) {
    const workloads = [...model.workloads].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const anchors: (ResourceRef | undefined)[] = new Array(workloads.length);
    const subjects: Subjects = { count: workloads.length, ref: (i) => (anchors[i] ??= inReportOrder(anchorOf(workloads[i]!))), workloadIds: workloads.map((w) => w.id), sharedOwners: new Map(), keys: [] };
    for (const p of workloadRules) {
      p.subjects = subjects;
      p.statuses = new Uint8Array(subjects.count);
    }
    shareGuards(workloadRules);
    // Events name a workload the way its results do: by the id of the resource they are reported on,
    // which is worked out only for the workloads an event is about.
    const idOf: SubjectIdOf = (i) => subjects.ref(i).id;
    for (let i = 0; i < workloads.length; i++) {
      const workload = workloads[i]!;
      const facts = factsOfWorkload(workload);
      const activation = { resource: null, facts, workload: facts };
      // Indexed: once per workload, before the loop is optimized, when a for-of allocates a step object.
      for (let r = 0; r < workloadRules.length; r++) {
        const p = workloadRules[r]!;
        const gap = p.services.length ? gaps.ofServices(p.services, workload.accountId, workload.region) : undefined;
        record(p, i, evaluateOne(p, i, idOf, activation, gap, warn, true), idOf);
      }
    }
    // Workloads are built from instances and Auto Scaling groups: where those were not collected, workloads may be missing.
    const seen = new Set<string>();
    for (const type of ['AWS::AutoScaling::AutoScalingGroup', 'AWS::EC2::Instance'] as const) {
      for (const gap of gaps.typeGaps(type)) {
        const key = `${gap.accountId}|${gap.region}|${SERVICE_OF[type]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const ref: ResourceRef = { type, id: '*', accountId: gap.accountId, region: gap.region, name: `workloads in ${gap.accountId} ${gap.region}` };
        for (const p of workloadRules) p.extra.push(resultOf(p.rule.id, 'unknown', ref, undefined, gap.detail));
      }
    }
  }

  for (const p of prepared) {
    const count = errorCounts.get(p.rule.id) ?? 0;
    if (count > ERROR_EVENTS_PER_RULE) {
      options.reporter?.emit({ level: 'warn', code: 'message', text: `rule ${p.rule.id} could not be evaluated on ${count - ERROR_EVENTS_PER_RULE} more resource(s); the report lists them all` });
    }
  }

  // Made rule by rule in the order reports list rules (severity, SPOF, id). A resource rule's findings
  // come in its subjects' order (account, region, id), which is the report's; a workload rule's anchors
  // come in another, so they are sorted. The list is then in order when each rule's findings follow the
  // previous rule's, which is checked at the joins, without sorting the whole list.
  const findings: Finding[] = [];
  let inOrder = true;
  for (const p of [...prepared].sort(compareRuleOrder)) {
    const start = findings.length;
    findingsOf(p, findings);
    if (p.rule.resourceType === 'workload') sortFrom(findings, start);
    if (start > 0 && start < findings.length && compareFindings(findings[start - 1]!, findings[start]!) > 0) inOrder = false;
  }
  if (!inOrder) findings.sort(compareFindings);
  markInReportShape(findings);

  let results: RuleResult[] | undefined;
  return withResults({ findings, checks: countChecks(prepared), undetermined: undeterminedOf(prepared) }, () => (results ??= resultsOf(prepared)));
}

/** Report order of rules: the order `compareFindings` gives their findings (compareByRule). */
function compareRuleOrder(a: Prepared, b: Prepared): number {
  return compareByRule({ severity: a.rule.severity, spof: a.rule.spof, ruleId: a.rule.id }, { severity: b.rule.severity, spof: b.rule.spof, ruleId: b.rule.id });
}

/** Sorts the findings from `start` on, in place. */
function sortFrom(findings: Finding[], start: number): void {
  if (findings.length - start < 2) return;
  const tail = findings.slice(start).sort(compareFindings);
  for (let f = 0; f < tail.length; f++) findings[start + f] = tail[f]!;
}

/** Appends the findings of one rule, in its subjects' order. */
function findingsOf(p: Prepared, findings: Finding[]): void {
  const { subjects, rule } = p;
  if (!subjects) return;
  const isWorkloadRule = rule.resourceType === 'workload';
  const { title, severity, spof, remediation } = rule;
  // One copy per rule, in the report's order, shared by the rule's findings.
  const kubernetes = { equivalent: rule.kubernetes.equivalent, ...(rule.kubernetes.remediation !== undefined ? { remediation: rule.kubernetes.remediation } : {}) };
  for (let i = 0; i < subjects.count; i++) {
    if (p.statuses[i] !== FIRES) continue;
    const resource = subjects.ref(i);
    const workloadId = subjects.workloadIds[i];
    const id = isWorkloadRule ? findingId(rule.id, resource, workloadId) : findingIdOfKey(rule.id, (subjects.keys[i] ??= resourceKeyOf(resource)), resource);
    const message = p.details?.[i] ?? rule.title;
    const owners = isWorkloadRule ? undefined : subjects.sharedOwners.get(i);
    // Fields in the report's order (ReportFinding), so the report lists findings as they are (see markInReportShape).
    // The usual finding (one workload, a remediation) is built in one piece: an object grown field
    // by field takes a second block of memory, and there are a hundred thousand of them.
    if (workloadId !== undefined && !owners && remediation !== undefined) {
      findings.push({ id, ruleId: rule.id, title, severity, spof, resource, workloadId, message, kubernetes, remediation });
      continue;
    }
    findings.push({
      id,
      ruleId: rule.id,
      title,
      severity,
      spof,
      resource,
      ...(workloadId !== undefined ? { workloadId } : {}),
      ...(owners ? { workloadIds: owners } : {}),
      message,
      kubernetes,
      ...(remediation !== undefined ? { remediation } : {}),
    });
  }
}

/**
 * Gives an object a `results` property that lists every result on first read
 * (an own, enumerable property, so spreading the object still copies it).
 */
export function withResults<T extends object>(target: T, build: () => RuleResult[]): T & { results: RuleResult[] } {
  let replaced: RuleResult[] | undefined;
  return Object.defineProperty(target, 'results', {
    enumerable: true,
    configurable: true,
    get: () => replaced ?? build(),
    set: (value: RuleResult[]) => {
      replaced = value;
    },
  }) as T & { results: RuleResult[] };
}

/** The result of a rule on one subject, as `results` lists it. */
function resultAt(p: Prepared, subjects: Subjects, i: number): RuleResult {
  return resultOf(p.rule.id, STATUSES[p.statuses[i]!]!, subjects.ref(i), subjects.workloadIds[i], p.details?.[i]);
}

function resultsOf(prepared: readonly Prepared[]): RuleResult[] {
  const results: RuleResult[] = [];
  for (const p of prepared) {
    const { subjects } = p;
    if (subjects) for (let i = 0; i < subjects.count; i++) results.push(resultAt(p, subjects, i));
    for (const result of p.extra) results.push(result);
  }
  return results;
}

function countChecks(prepared: readonly Prepared[]): Record<RuleStatus, number> {
  const counts = [0, 0, 0, 0, 0];
  for (const p of prepared) {
    for (let i = 0; i < p.statuses.length; i++) counts[p.statuses[i]!]!++;
    for (const result of p.extra) counts[STATUSES.indexOf(result.status)]!++;
  }
  return Object.fromEntries(STATUSES.map((status, code) => [status, counts[code]!])) as Record<RuleStatus, number>;
}

function undeterminedOf(prepared: readonly Prepared[]): RuleResult[] {
  const out: RuleResult[] = [];
  for (const p of prepared) {
    const { subjects } = p;
    if (subjects) for (let i = 0; i < subjects.count; i++) if (p.statuses[i] === ERROR || p.statuses[i] === UNKNOWN) out.push(resultAt(p, subjects, i));
    for (const result of p.extra) if (result.status === 'error' || result.status === 'unknown') out.push(result);
  }
  return out;
}

/** The resource a workload rule's result is reported on: the group, else its first instance. */
function anchorOf(workload: Workload): ResourceRef {
  if (workload.autoScalingGroup) return workload.autoScalingGroup;
  const first = [...workload.instances].sort(compareRefs)[0] ?? [...workload.resources].sort(compareRefs)[0];
  return first ?? { type: 'AWS::EC2::Instance', id: workload.id, accountId: workload.accountId, region: workload.region, name: workload.name };
}

/** A result in one object shape for every status. */
function resultOf(ruleId: string, status: RuleStatus, resource: ResourceRef, workloadId: string | undefined, detail: string | undefined): RuleResult {
  return { ruleId, status, resource, workloadId, detail };
}

/** Keeps a subject's text (message, error or gap) and gives back its status. */
function withDetail(p: Prepared, i: number, status: number, detail: string): number {
  (p.details ??= new Array<string | undefined>(p.statuses.length))[i] = detail;
  return status;
}

/** Evaluates one rule on subject `i`: its status code, with its text kept in `p.details`. */
function evaluateOne(p: Prepared, i: number, idOf: SubjectIdOf, activation: Record<string, unknown>, gap: string | undefined, warn: Warn, isWorkloadRule = false): number {
  if (gap) return withDetail(p, i, UNKNOWN, gap);
  const compiled = p.compiled;
  if (!compiled) return withDetail(p, i, ERROR, `the rule does not compile: ${p.compileError}`);
  let stage = 'applies';
  try {
    if (p.guard) {
      const applies = p.guard.evaluate(i, activation);
      if (typeof applies !== 'boolean') throw new NotBoolean('applies', applies);
      if (!applies) return NOT_APPLICABLE;
    }
    stage = 'condition';
    const fires = compiled.condition.evaluate(activation);
    if (typeof fires !== 'boolean') throw new NotBoolean('condition', fires);
    if (!fires) return PASSES;
    stage = 'message';
    const { text, errors } = renderTemplate(compiled.message, activation);
    // A message that cannot be rendered does not hide the finding, but the fault is reported.
    if (errors.length) warn(p.rule.id, idOf(i), errors.join('; '));
    return withDetail(p, i, FIRES, text);
  } catch (error) {
    const detail = error instanceof NotBoolean ? error.message : `${stage} could not be evaluated${isWorkloadRule ? ' on the workload' : ''}: ${evaluationErrorMessage(error)}`;
    return withDetail(p, i, ERROR, detail);
  }
}

class NotBoolean extends Error {
  constructor(stage: string, value: unknown) {
    super(`${stage} returned ${typeName(value)}, not a boolean`);
  }
}
