/**
 * Tests one rule of the catalog the way kubelift runs it: the rule file is
 * loaded by the real loader, each case's estate goes through the real
 * resolver and evaluator, and the test asserts which resources fired, passed
 * or were not applicable. Cases are data (ESLint's RuleTester, Spectral's
 * testRule); a rule without a firing and a passing case is refused.
 *
 *   ruleTester.run('asg-single-az', {
 *     fires: [{ name: 'one zone', snapshot: estate().asg('web', { zones: ['us-east-1a'] }), resources: ['web'] }],
 *     doesNotFire: [{ name: 'two zones', snapshot: estate().asg('web') }],
 *     notApplicable: [{ name: 'scaled to zero', snapshot: estate().asg('web', { desired: 0, max: 0 }) }],
 *   });
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from '../../src/model/resolve.js';
import { paths } from '../../src/paths.js';
import { evaluateRules } from '../../src/rules/evaluate.js';
import { loadRules } from '../../src/rules/load.js';
import type { Rule, RuleResult } from '../../src/rules/types.js';
import { snapshotOf, type EstateInput } from './estate-builder.js';

export interface FiringCase {
  name: string;
  snapshot: EstateInput;
  /**
   * Exactly the resources that fire, by name or id (for `workload` rules: workload
   * ids). When left out, at least one must fire.
   */
  resources?: string[];
  /** The message of a firing result (all of them must match when several fire). */
  message?: string | RegExp;
}

export interface QuietCase {
  name: string;
  snapshot: EstateInput;
}

export interface RuleCases {
  fires: FiringCase[];
  doesNotFire: QuietCase[];
  /** Estates where the rule's `applies` guard is false for every resource of its type. */
  notApplicable: QuietCase[];
  /** Estates where the data the rule needs was not collected: at least one `unknown`, no finding. */
  unknown?: QuietCase[];
}

function checkCases(ruleId: string, cases: RuleCases): void {
  if (cases.fires.length === 0) throw new Error(`rule-tester: ${ruleId} needs at least one 'fires' case`);
  if (cases.doesNotFire.length === 0) throw new Error(`rule-tester: ${ruleId} needs at least one 'doesNotFire' case`);
  if (cases.notApplicable.length === 0) throw new Error(`rule-tester: ${ruleId} needs at least one 'notApplicable' case`);
  const all = [...cases.fires, ...cases.doesNotFire, ...cases.notApplicable, ...(cases.unknown ?? [])];
  const names = new Set<string>();
  const estates = new Map<string, string>();
  for (const c of all) {
    if (names.has(c.name)) throw new Error(`rule-tester: ${ruleId} has two cases named '${c.name}'`);
    names.add(c.name);
    const json = JSON.stringify(snapshotOf(c.snapshot));
    const twin = estates.get(json);
    if (twin) throw new Error(`rule-tester: ${ruleId} cases '${twin}' and '${c.name}' use the same estate`);
    estates.set(json, c.name);
  }
}

/** Runs one rule over one estate and returns its results. */
function evaluate(rule: Rule, input: EstateInput): RuleResult[] {
  const { results } = evaluateRules(resolve(snapshotOf(input)), [rule]);
  return results.filter((r) => r.ruleId === rule.id);
}

const label = (rule: Rule, r: RuleResult): string => (rule.resourceType === 'workload' ? (r.workloadId ?? r.resource.id) : r.resource.name);
const describeResults = (rule: Rule, results: RuleResult[]): string =>
  results.map((r) => `${label(rule, r)}: ${r.status}${r.detail ? ` (${r.detail})` : ''}`).join('\n') || '(no results)';

function matches(rule: Rule, result: RuleResult, wanted: string): boolean {
  if (rule.resourceType === 'workload') return result.workloadId === wanted;
  return result.resource.name === wanted || result.resource.id === wanted;
}

export const ruleTester = {
  run(ruleId: string, cases: RuleCases): void {
    checkCases(ruleId, cases);
    describe(ruleId, () => {
      let rule: Rule;
      beforeAll(async () => {
        const rules = await loadRules([paths.rules], { only: [ruleId] });
        expect(rules.map((r) => r.id)).toEqual([ruleId]);
        rule = rules[0]!;
      });

      for (const c of cases.fires) {
        it(`fires: ${c.name}`, () => {
          const results = evaluate(rule, c.snapshot);
          const context = describeResults(rule, results);
          expect(results.filter((r) => r.status === 'error'), context).toEqual([]);
          const fired = results.filter((r) => r.status === 'fires');
          if (c.resources) {
            for (const wanted of c.resources) expect(fired.some((r) => matches(rule, r, wanted)), `${wanted} should fire:\n${context}`).toBe(true);
            for (const r of fired) expect(c.resources.some((w) => matches(rule, r, w)), `${label(rule, r)} should not fire:\n${context}`).toBe(true);
          } else {
            expect(fired.length, context).toBeGreaterThan(0);
          }
          if (c.message !== undefined) {
            for (const r of fired) {
              if (typeof c.message === 'string') expect(r.detail).toBe(c.message);
              else expect(r.detail).toMatch(c.message);
            }
          }
        });
      }

      for (const c of cases.doesNotFire) {
        it(`does not fire: ${c.name}`, () => {
          const results = evaluate(rule, c.snapshot);
          const context = describeResults(rule, results);
          expect(results.filter((r) => r.status === 'fires' || r.status === 'error' || r.status === 'unknown'), context).toEqual([]);
          expect(results.some((r) => r.status === 'passes'), `at least one resource should pass:\n${context}`).toBe(true);
        });
      }

      for (const c of cases.notApplicable) {
        it(`not applicable: ${c.name}`, () => {
          const results = evaluate(rule, c.snapshot);
          const context = describeResults(rule, results);
          expect(results.filter((r) => r.status !== 'not-applicable'), context).toEqual([]);
          // A rule with a guard must show it at work, not merely find nothing to look at.
          if (rule.applies) expect(results.length, `the guard should have been evaluated:\n${context}`).toBeGreaterThan(0);
        });
      }

      for (const c of cases.unknown ?? []) {
        it(`unknown: ${c.name}`, () => {
          const results = evaluate(rule, c.snapshot);
          const context = describeResults(rule, results);
          expect(results.filter((r) => r.status === 'fires' || r.status === 'error'), context).toEqual([]);
          expect(results.some((r) => r.status === 'unknown'), `at least one result should be unknown:\n${context}`).toBe(true);
        });
      }
    });
  },
};
