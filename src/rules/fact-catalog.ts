/**
 * What the resolver declares about its facts (model/facts.ts), asked the way
 * rules need it: which names exist for a type, and which AWS services a rule
 * depends on through the facts it reads.
 */
import { FACT_SERVICES, FACTS } from '../model/facts.js';
import type { Service } from '../snapshot/types.js';
import type { FactRead } from './cel.js';
import type { Rule } from './types.js';

/** Fact names and descriptions per resource type and for `workload`. */
export function knownFacts(): Record<string, Record<string, string>> {
  return FACTS;
}

/** The table a fact read is looked up in: workload facts for `workload.x` and for workload rules. */
export function factTypeOf(rule: Pick<Rule, 'resourceType'>, read: Pick<FactRead, 'variable'>): string {
  return read.variable === 'workload' || rule.resourceType === 'workload' ? 'workload' : rule.resourceType;
}

/**
 * The services whose data the facts a rule reads are derived from, sorted.
 * (The rule's own resource type is checked on its own, type by type.)
 */
export function servicesReadBy(rule: Pick<Rule, 'resourceType'>, reads: readonly FactRead[]): Service[] {
  const services = new Set<Service>();
  const table = FACT_SERVICES as Record<string, Record<string, readonly Service[]> | undefined>;
  for (const read of reads) for (const service of table[factTypeOf(rule, read)]?.[read.name] ?? []) services.add(service);
  return [...services].sort();
}
