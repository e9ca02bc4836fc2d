/**
 * Evaluates rules over a resolved estate. Each resource is visited once: its
 * facts and its workload's facts are fetched once and every rule of its type
 * runs on the same activation. Every (rule, resource) pair gets one of five
 * results; `error` and `unknown` are reported, never dropped or counted as passes.
 */
import type { Reporter } from '../events/types.js';
import type { Facts, Model, ResourceRef, Workload } from '../model/types.js';
import { RESOURCE_TYPES, SERVICE_OF, type ResourceType, type Service } from '../snapshot/types.js';
import { evaluationErrorMessage, renderTemplate, typeName } from './cel.js';
import { compileRule, type CompiledRule } from './compile-rule.js';
import { coverageGaps } from './coverage-gaps.js';
import { servicesReadBy } from './fact-catalog.js';
import { compareFindings, findingId } from './findings.js';
import { compareRefs, refOf } from './resource-ref.js';
import type { Finding, Rule, RuleResult, RuleStatus } from './types.js';

export interface EvaluateOptions {
  /** Receives a `rules.rule-error` event for rules that could not be evaluated. */
  reporter?: Reporter;
}

export interface Evaluation {
  results: RuleResult[];
  findings: Finding[];
}

// Enough examples to act on without flooding the terminal; the report lists them all.
const ERROR_EVENTS_PER_RULE = 5;

type Warn = (ruleId: string, resourceId: string, error: string) => void;

interface Reads {
  facts: boolean;
  workload: boolean;
}

interface Prepared {
  rule: Rule;
  /** Undefined when the rule does not compile; `compileError` says why. */
  compiled: CompiledRule | undefined;
  compileError: string;
  services: Service[];
  reads: Reads;
  /** This rule's results, in evaluation order. */
  results: RuleResult[];
}

const EMPTY_FACTS: Facts = Object.freeze({}) as Facts;

function prepare(rule: Rule): Prepared {
  const result = compileRule(rule);
  if (!result.ok) return { rule, compiled: undefined, compileError: result.problems.map((p) => `${p.field}: ${p.message}`).join('; '), services: [], reads: { facts: false, workload: false }, results: [] };
  const { applies, condition, message } = result.compiled;
  const uses = (name: string): boolean => Boolean(applies?.variables.has(name) || condition.variables.has(name) || message.variables.has(name));
  return { rule, compiled: result.compiled, compileError: '', services: servicesReadBy(rule, result.compiled.factReads), reads: { facts: uses('facts'), workload: uses('workload') }, results: [] };
}

/** Evaluates every rule on every resource of its type (or every workload); results grouped by rule id. */
export function evaluateRules(model: Model, rules: Rule[], options: EvaluateOptions = {}): Evaluation {
  const gaps = coverageGaps(model.snapshot);
  const prepared = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(prepare);
  const errorCounts = new Map<string, number>();

  const record = (p: Prepared, result: RuleResult): void => {
    p.results.push(result);
    if (result.status !== 'error') return;
    const count = (errorCounts.get(p.rule.id) ?? 0) + 1;
    errorCounts.set(p.rule.id, count);
    if (count <= ERROR_EVENTS_PER_RULE) options.reporter?.emit({ level: 'warn', code: 'rules.rule-error', ruleId: p.rule.id, resourceId: result.resource.id, error: result.detail ?? '' });
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

  // Resources that serve several workloads (a shared load balancer): their findings count for each.
  const sharedOwners = new Map<ResourceRef, string[]>();

  const byType = new Map<ResourceType, Prepared[]>();
  const workloadRules: Prepared[] = [];
  for (const p of prepared) {
    if (p.rule.resourceType === 'workload') workloadRules.push(p);
    else byType.set(p.rule.resourceType, [...(byType.get(p.rule.resourceType) ?? []), p]);
  }

  for (const type of RESOURCE_TYPES) {
    const typeRules = byType.get(type);
    if (!typeRules) continue;
    const resources = (model.snapshot.resources[type] ?? []).map((resource) => ({ resource, ref: refOf(type, resource) }));
    resources.sort((a, b) => compareRefs(a.ref, b.ref));
    // Facts are derived on demand: a type whose rules read none is never asked for them.
    const needsFacts = typeRules.some((p) => p.reads.facts);
    const needsWorkload = typeRules.some((p) => p.reads.workload);
    // Resources come sorted by account and region, so gaps are looked up once per region, not per check.
    let account: string | undefined;
    let region: string | undefined;
    let typeGap: string | undefined;
    let ruleGaps: (string | undefined)[] = [];
    for (const { resource, ref } of resources) {
      if (ref.accountId !== account || ref.region !== region) {
        account = ref.accountId;
        region = ref.region;
        typeGap = gaps.ofType(type, ref.accountId, ref.region);
        ruleGaps = typeRules.map((p) => typeGap ?? (p.services.length ? gaps.ofServices(p.services, ref.accountId, ref.region) : undefined));
      }
      const owners = model.workloadsOf(ref);
      const workload = owners[0];
      if (owners.length > 1) sharedOwners.set(ref, owners.map((w) => w.id));
      const activation = { resource, facts: needsFacts ? model.facts(ref) : EMPTY_FACTS, workload: needsWorkload && workload ? factsOfWorkload(workload) : null };
      for (let i = 0; i < typeRules.length; i++) record(typeRules[i]!, evaluateOne(typeRules[i]!, activation, ref, workload?.id, ruleGaps[i], warn));
    }
    // Resources that were never seen still owe an answer: one `unknown` per account and region not collected.
    for (const gap of gaps.typeGaps(type)) {
      const ref: ResourceRef = { type, id: '*', accountId: gap.accountId, region: gap.region, name: `every ${type} in ${gap.accountId} ${gap.region}` };
      for (const p of typeRules) record(p, resultOf(p.rule.id, 'unknown', ref, undefined, gap.detail));
    }
  }

  if (workloadRules.length) {
    const workloads = [...model.workloads].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const workload of workloads) {
      const facts = factsOfWorkload(workload);
      const ref = anchorOf(workload);
      const activation = { resource: null, facts, workload: facts };
      for (const p of workloadRules) {
        const gap = p.services.length ? gaps.ofServices(p.services, workload.accountId, workload.region) : undefined;
        record(p, evaluateOne(p, activation, ref, workload.id, gap, warn, true));
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
        for (const p of workloadRules) record(p, resultOf(p.rule.id, 'unknown', ref, undefined, gap.detail));
      }
    }
  }

  for (const p of prepared) {
    const count = errorCounts.get(p.rule.id) ?? 0;
    if (count > ERROR_EVENTS_PER_RULE) {
      options.reporter?.emit({ level: 'warn', code: 'message', text: `rule ${p.rule.id} could not be evaluated on ${count - ERROR_EVENTS_PER_RULE} more resource(s); the report lists them all` });
    }
  }

  const results: RuleResult[] = [];
  for (const p of prepared) for (const result of p.results) results.push(result);
  const rulesById = new Map(prepared.map((p) => [p.rule.id, p.rule]));
  const findings: Finding[] = [];
  for (const result of results) {
    if (result.status !== 'fires') continue;
    const rule = rulesById.get(result.ruleId)!;
    const finding: Finding = {
      id: findingId(rule.id, result.resource, rule.resourceType === 'workload' ? result.workloadId : undefined),
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      spof: rule.spof,
      resource: result.resource,
      message: result.detail ?? rule.title,
      kubernetes: rule.kubernetes,
    };
    if (result.workloadId !== undefined) finding.workloadId = result.workloadId;
    const owners = rule.resourceType === 'workload' ? undefined : sharedOwners.get(result.resource);
    if (owners) finding.workloadIds = owners;
    if (rule.remediation !== undefined) finding.remediation = rule.remediation;
    findings.push(finding);
  }
  findings.sort(compareFindings);
  return { results, findings };
}

/** The resource a workload rule's result is reported on: the group, else its first instance. */
function anchorOf(workload: Workload): ResourceRef {
  if (workload.autoScalingGroup) return workload.autoScalingGroup;
  const first = [...workload.instances].sort(compareRefs)[0] ?? [...workload.resources].sort(compareRefs)[0];
  return first ?? { type: 'AWS::EC2::Instance', id: workload.id, accountId: workload.accountId, region: workload.region, name: workload.name };
}

/** A result in one object shape for every status, so the hot loop stays monomorphic. */
function resultOf(ruleId: string, status: RuleStatus, resource: ResourceRef, workloadId: string | undefined, detail: string | undefined): RuleResult {
  return { ruleId, status, resource, workloadId, detail };
}

function evaluateOne(p: Prepared, activation: Record<string, unknown>, resource: ResourceRef, workloadId: string | undefined, gap: string | undefined, warn?: Warn, isWorkloadRule = false): RuleResult {
  const ruleId = p.rule.id;
  if (gap) return resultOf(ruleId, 'unknown', resource, workloadId, gap);
  const compiled = p.compiled;
  if (!compiled) return resultOf(ruleId, 'error', resource, workloadId, `the rule does not compile: ${p.compileError}`);
  let stage = 'applies';
  try {
    if (compiled.applies) {
      const applies = compiled.applies.evaluate(activation);
      if (typeof applies !== 'boolean') throw new NotBoolean('applies', applies);
      if (!applies) return resultOf(ruleId, 'not-applicable', resource, workloadId, undefined);
    }
    stage = 'condition';
    const fires = compiled.condition.evaluate(activation);
    if (typeof fires !== 'boolean') throw new NotBoolean('condition', fires);
    if (!fires) return resultOf(ruleId, 'passes', resource, workloadId, undefined);
    stage = 'message';
    const { text, errors } = renderTemplate(compiled.message, activation);
    // A message that cannot be rendered does not hide the finding, but the fault is reported.
    if (errors.length) warn?.(ruleId, resource.id, errors.join('; '));
    return resultOf(ruleId, 'fires', resource, workloadId, text);
  } catch (error) {
    const detail = error instanceof NotBoolean ? error.message : `${stage} could not be evaluated${isWorkloadRule ? ' on the workload' : ''}: ${evaluationErrorMessage(error)}`;
    return resultOf(ruleId, 'error', resource, workloadId, detail);
  }
}

class NotBoolean extends Error {
  constructor(stage: string, value: unknown) {
    super(`${stage} returned ${typeName(value)}, not a boolean`);
  }
}
