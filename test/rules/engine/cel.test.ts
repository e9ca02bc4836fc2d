import { describe, expect, it } from 'vitest';
import { compileExpression, compileTemplate, formatValue, renderTemplate } from '../../../src/rules/cel.js';

describe('cel', () => {
  it('compiles once and evaluates many times over AWS-shaped data, numbers compared across int and double', () => {
    const compiled = compileExpression('resource.MinSize < 2 && size(facts.zones) == 1 && resource.Tags.exists(t, t.Key == "Name")', 'resource');
    if (!compiled.ok) throw new Error(compiled.problems[0]!.message);
    const run = (minSize: number, zones: string[]): unknown => compiled.value.evaluate({ resource: { MinSize: minSize, Tags: [{ Key: 'Name', Value: 'x' }] }, facts: { zones }, workload: null });
    expect(run(1, ['a'])).toBe(true);
    expect(run(2, ['a'])).toBe(false);
    expect(run(1, ['a', 'b'])).toBe(false);
  });

  it('lists the facts an expression reads, dotted, indexed and optional', () => {
    const compiled = compileExpression('has(facts.a) && facts["b"] == 1 && facts.?c.orValue(0) == 0 && workload.d > 0 && resource.facts == 1', 'resource');
    if (!compiled.ok) throw new Error('does not compile');
    expect(compiled.value.factReads.map((r) => `${r.variable}.${r.name}`)).toEqual(['facts.a', 'facts.b', 'facts.c', 'workload.d']);
    expect(compiled.value.factReads[1]!.offset).toBe('has(facts.a) && '.length);
  });

  it('reports problems with their offset and a one-line message', () => {
    const result = compileExpression('facts.x == ', 'resource');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ message: 'Unexpected token: EOF', offset: 11 });
    expect(result.problems[0]!.message).not.toContain('\n');
  });

  it('formats CEL values for messages', () => {
    expect(formatValue(3n)).toBe('3');
    expect(formatValue(2.5)).toBe('2.5');
    expect(formatValue(['a', 'b', 1n])).toBe('a, b, 1');
    expect(formatValue({ b: 1, a: [true] })).toBe('{"a":[true],"b":1}');
    expect(formatValue(null)).toBe('null');
  });

  it('renders templates, keeping literal text and the text of a placeholder that fails', () => {
    const template = compileTemplate('{{ resource.Name }} has {{ size(facts.zones) }} zone(s): {{ facts.zones[3] }}.', 'resource');
    if (!template.ok) throw new Error('does not compile');
    const rendered = renderTemplate(template.value, { resource: { Name: 'web' }, facts: { zones: ['a'] }, workload: null });
    expect(rendered.text).toBe('web has 1 zone(s): {{facts.zones[3]}}.');
    expect(rendered.errors).toEqual([expect.stringMatching(/^message placeholder \{\{ facts\.zones\[3\] \}\}: .*index out of bounds/)]);
  });
});
