import { Environment } from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import { directEvaluator, UNDECIDED } from '../../../src/rules/cel-direct.js';
import { compileExpression } from '../../../src/rules/cel.js';

// The environment cel.ts builds for resource rules.
const env = new Environment({ homogeneousAggregateLiterals: false, enableOptionalTypes: true });
env.registerVariable('resource', 'map');
env.registerVariable('facts', 'map');
env.registerVariable('workload', 'dyn');
const NULLABLE = new Set(['workload']);

/** What the library alone gives: a value, or its one-line error. */
function library(source: string, activation: Record<string, unknown>): unknown {
  try {
    return env.parse(source)(activation) as unknown;
  } catch (error) {
    return `error: ${String((error as Error).message).split('\n')[0]}`;
  }
}

const EXPRESSIONS = [
  'facts.a',
  '!facts.a',
  'facts.a && !facts.b',
  'facts.a || facts.b',
  'facts.a && facts.b && facts.n >= 0',
  'facts.n > 180',
  'facts.n == 0',
  'facts.n != 1',
  'facts.n <= 2',
  'facts.n < 2',
  'size(facts.list) < 2',
  'size(facts.list) == 0',
  'size(facts.list) > 0 || size(facts.other) > 0',
  "facts.s == 'stopped'",
  "facts.s != 'x'",
  "facts.s == 'stopped' && workload != null",
  'workload == null',
  'workload.n > 0',
  'resource.State.Code',
  'resource.Name',
  'facts.list',
  'facts.o',
  'has(facts.a)',
  'has(resource.Name)',
  'has(resource.State.Code)',
  'has(workload.n)',
  '!has(resource.State) || !has(resource.State.Code) || resource.State.Code == 0',
  "(has(resource.Name) ? resource.Name : 'instance') != 'lambda'",
  '(has(resource.Name) ? resource.Name : 0) < 60',
  '(has(facts.n) ? facts.n : 0) >= 1',
  'facts.a ? facts.n : facts.s',
  "facts.a ? 'x' : 'y'",
  "facts.s in ['stopped', 'x']",
  "resource.Name in ['', 'x'] && facts.a",
  'facts.n < facts.m',
  'facts.m == workload.n',
  'facts.n >= resource.Name',
  'true',
];

// Values of every kind, including those the direct path must leave to the library.
const VALUES: unknown[] = [true, false, 0, 1, 2, 180.5, 181, -0, Number.NaN, Number.POSITIVE_INFINITY, 3n, '', 'stopped', 'x', null, undefined, [], ['a'], ['a', 'b'], [undefined, 1], [{ k: undefined }], [new Date(0)], [[new Date(0)]], [{ k: [1] }], {}, { Code: 'active' }, { first: undefined }, { first: new Date(0) }, { first: { k: [] } }, new Map([['Code', 'x']]), new Set([1]), new Date(0), () => 1];

function activations(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const value of VALUES) {
    const facts: Record<string, unknown> = { a: true, b: false, n: 1, m: 2, s: 'stopped', list: ['x'], other: [], o: { k: 1 } };
    for (const key of Object.keys(facts)) out.push({ resource: { Name: value, State: value }, facts: { ...facts, [key]: value }, workload: { n: value } });
    out.push({ resource: {}, facts: {}, workload: null });
    out.push({ resource: { State: { Code: value } }, facts: Object.freeze({}), workload: value });
    out.push({ resource: value, facts: value, workload: value });
  }
  return out;
}

describe('direct evaluation of common expression shapes', () => {
  it('answers exactly as the library does whenever it answers, and leaves every error to the library', () => {
    let answered = 0;
    let deferred = 0;
    for (const source of EXPRESSIONS) {
      const direct = directEvaluator(env.parse(source).ast, NULLABLE);
      expect(direct, source).toBeDefined();
      for (const activation of activations()) {
        const value = direct!(activation);
        const expected = library(source, activation);
        if (value === UNDECIDED) {
          deferred++;
          continue;
        }
        answered++;
        expect(value, `${source} on ${JSON.stringify(activation, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`).toBe(expected);
      }
    }
    expect(answered).toBeGreaterThan(100);
    expect(deferred).toBeGreaterThan(100);
  });

  it('has no direct path for other shapes, which the library evaluates as before', () => {
    for (const source of [
      'facts.l.exists(p, p == 1)',
      "resource.Protocol in ['HTTP', 1]",
      'resource.Protocol in facts.list',
      "resource.HealthCheckPort != string(int(resource.Port))",
      'size(facts.s) > 1.5',
      'facts.?x.orValue(1) == 1',
      "facts.a ? 'x' : b'y'",
      'facts.n > 9007199254740993',
    ]) {
      expect(directEvaluator(env.parse(source).ast, NULLABLE), source).toBeUndefined();
    }
  });

  it('gives the library the expressions it cannot answer, errors included', () => {
    const compiled = compileExpression('facts.running && facts.ageDays > 180', 'resource');
    if (!compiled.ok) throw new Error('does not compile');
    expect(compiled.value.evaluate({ resource: {}, facts: { running: true, ageDays: 200 }, workload: null })).toBe(true);
    expect(() => compiled.value.evaluate({ resource: {}, facts: { running: true }, workload: null })).toThrow(/No such key: ageDays/);
    expect(() => compiled.value.evaluate({ resource: {}, facts: { running: true, ageDays: 'old' }, workload: null })).toThrow(/no such overload/);
  });
});
