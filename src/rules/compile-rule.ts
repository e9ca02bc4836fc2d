/**
 * A rule's three CEL parts (applies, condition, message) compiled together,
 * once per rule object: the loader uses the problems, the evaluator the code.
 */
import { compileExpression, compileTemplate, type CompiledExpression, type CompiledTemplate, type CompileProblem, type FactRead } from './cel.js';
import type { Rule } from './types.js';

/** Which field of the rule file a problem is in. */
export type RuleField = 'applies' | 'condition' | 'message';

export interface FieldProblem extends CompileProblem {
  field: RuleField;
}

export interface CompiledRule {
  rule: Rule;
  applies: CompiledExpression | undefined;
  condition: CompiledExpression;
  message: CompiledTemplate;
  factReads: (FactRead & { field: RuleField })[];
}

export type RuleCompilation = { ok: true; compiled: CompiledRule } | { ok: false; problems: FieldProblem[] };

// Static types the checker may infer for a guard or condition that can never be a boolean.
const NOT_BOOLEAN = new Set(['int', 'uint', 'double', 'string', 'bytes', 'list', 'map', 'null_type', 'timestamp', 'duration', 'type']);

const cache = new WeakMap<Rule, RuleCompilation>();

/** Compiles a rule's expressions (cached per rule object); problems name the field and offset. */
export function compileRule(rule: Rule): RuleCompilation {
  const hit = cache.get(rule);
  if (hit) return hit;
  const result = compileUncached(rule);
  cache.set(rule, result);
  return result;
}

function compileUncached(rule: Rule): RuleCompilation {
  const scope = rule.resourceType === 'workload' ? 'workload' : 'resource';
  const problems: FieldProblem[] = [];
  const boolean = (field: RuleField, source: string): CompiledExpression | undefined => {
    const result = compileExpression(source, scope);
    if (!result.ok) {
      problems.push(...result.problems.map((p) => ({ ...p, field })));
      return undefined;
    }
    const type = result.value.type?.replace(/<.*$/, '');
    if (type && NOT_BOOLEAN.has(type)) {
      problems.push({ field, message: `must be a boolean expression, but it returns ${result.value.type}`, offset: 0, excerpt: source.trim().split('\n')[0] ?? '' });
      return undefined;
    }
    return result.value;
  };
  const applies = rule.applies === undefined ? undefined : boolean('applies', rule.applies);
  const condition = boolean('condition', rule.condition);
  const message = compileTemplate(rule.message, scope);
  if (!message.ok) problems.push(...message.problems.map((p) => ({ ...p, field: 'message' as const })));
  if (problems.length || !condition || !message.ok || (rule.applies !== undefined && !applies)) return { ok: false, problems };

  const factReads = [
    ...(applies?.factReads ?? []).map((r) => ({ ...r, field: 'applies' as const })),
    ...condition.factReads.map((r) => ({ ...r, field: 'condition' as const })),
    ...message.value.factReads.map((r) => ({ ...r, field: 'message' as const })),
  ];
  return { ok: true, compiled: { rule, applies, condition, message: message.value, factReads } };
}
