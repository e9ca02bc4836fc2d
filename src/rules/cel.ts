/**
 * The one module that knows the expression library. Rules are written in CEL
 * (the language of Kubernetes ValidatingAdmissionPolicy); everything else in
 * kubelift sees only `compileExpression`, `compileTemplate` and the errors
 * they return, so the library can be swapped without touching the rules.
 */
import { Environment, type ASTNode } from '@marcbachmann/cel-js';
import { directEvaluator, UNDECIDED } from './cel-direct.js';

/** Which variables an expression may use. */
export type ExpressionScope = 'resource' | 'workload';

/** A compile problem, with where in the expression text it starts (0-based). */
export interface CompileProblem {
  message: string;
  offset: number;
  /** The text the problem points at, to find it again in the rule file. */
  excerpt: string;
}

/** A `facts.x` (or `workload.x`) read found in an expression. */
export interface FactRead {
  variable: 'facts' | 'workload';
  name: string;
  offset: number;
}

/** An expression compiled once and evaluated many times. */
export interface CompiledExpression {
  source: string;
  /** Throws when evaluation fails (missing field, bad index, type mismatch). */
  evaluate(activation: Record<string, unknown>): unknown;
  /** Every `facts.x` / `workload.x` the expression reads, for load-time checks. */
  factReads: FactRead[];
  /** Top-level variables the expression reads (`resource`, `facts`, `workload`). */
  variables: Set<string>;
  /** The static result type when the checker knows it ('bool', 'int', 'dyn', …). */
  type: string | undefined;
}

/** A message template: literal text with `{{ CEL }}` placeholders. */
export interface CompiledTemplate {
  source: string;
  parts: (string | CompiledExpression)[];
  factReads: FactRead[];
  variables: Set<string>;
}

export type CompileResult<T> = { ok: true; value: T } | { ok: false; problems: CompileProblem[] };

function environment(scope: ExpressionScope): Environment {
  // Maps from AWS carry mixed value types, and optional chaining (`resource.?Tags`)
  // is the idiomatic way to read fields that AWS leaves out.
  const env = new Environment({ homogeneousAggregateLiterals: false, enableOptionalTypes: true });
  if (scope === 'resource') env.registerVariable('resource', 'map');
  env.registerVariable('facts', 'map');
  env.registerVariable('workload', 'dyn');
  return env;
}

// The variables declared `dyn` above: the only ones that may hold null.
const DYN_VARIABLES: ReadonlySet<string> = new Set(['workload']);

// Building an environment is the expensive part of the library: one per scope, for the process.
const environments: Partial<Record<ExpressionScope, Environment>> = {};
function environmentFor(scope: ExpressionScope): Environment {
  return (environments[scope] ??= environment(scope));
}

function isNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value;
}

/** Walks the syntax tree once to find the variables and fact names an expression reads. */
function collectReads(root: ASTNode): { factReads: FactRead[]; variables: Set<string> } {
  const factReads: FactRead[] = [];
  const variables = new Set<string>();
  // Comprehension variables (`t` in `list.exists(t, …)`) shadow nothing we care about,
  // because kubelift's variable names are reserved; a loop variable named `facts` would be odd.
  const visit = (node: ASTNode): void => {
    if (node.op === 'id') {
      variables.add(node.args);
      return;
    }
    if (node.op === '.' || node.op === '.?') {
      const [target, field] = node.args;
      if (target.op === 'id' && (target.args === 'facts' || target.args === 'workload')) {
        factReads.push({ variable: target.args, name: field, offset: target.start });
      }
    }
    if (node.op === '[]' || node.op === '[?]') {
      const [target, key] = node.args;
      if (target.op === 'id' && (target.args === 'facts' || target.args === 'workload') && key.op === 'value' && typeof key.args === 'string') {
        factReads.push({ variable: target.args, name: key.args, offset: target.start });
      }
    }
    const walk = (value: unknown): void => {
      if (isNode(value)) visit(value);
      else if (Array.isArray(value)) value.forEach(walk);
    };
    walk(node.args);
  };
  visit(root);
  return { factReads, variables };
}

function problemOf(error: unknown, source: string, offsetBase = 0): CompileProblem {
  const e = error as { summary?: string; message?: string; range?: { start: number; end: number } };
  const start = e.range?.start ?? 0;
  const end = Math.max(e.range?.end ?? start, start);
  // The library's message carries an ASCII drawing of the source; the summary is the one line we want.
  const message = e.summary ?? String(e.message ?? error).split('\n')[0] ?? 'invalid expression';
  return { message, offset: offsetBase + start, excerpt: source.slice(start, Math.max(end, start + 1)).trim() };
}

/** Compiles one CEL expression for a scope; problems carry offsets into `source`. */
export function compileExpression(source: string, scope: ExpressionScope): CompileResult<CompiledExpression> {
  const env = environmentFor(scope);
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(source);
  } catch (error) {
    return { ok: false, problems: [problemOf(error, source)] };
  }
  const check = parsed.check();
  if (!check.valid) return { ok: false, problems: [problemOf(check.error, source)] };
  const { factReads, variables } = collectReads(parsed.ast);
  const direct = directEvaluator(parsed.ast, DYN_VARIABLES);
  const evaluate = direct
    ? (activation: Record<string, unknown>): unknown => {
        const value = direct(activation);
        return value === UNDECIDED ? (parsed(activation) as unknown) : value;
      }
    : (activation: Record<string, unknown>): unknown => parsed(activation) as unknown;
  return { ok: true, value: { source, evaluate, factReads, variables, type: check.type } };
}

const PLACEHOLDER = /\{\{([\s\S]*?)\}\}/g;

/** Compiles a message template; each `{{ … }}` holds a CEL expression. */
export function compileTemplate(source: string, scope: ExpressionScope): CompileResult<CompiledTemplate> {
  const parts: (string | CompiledExpression)[] = [];
  const problems: CompileProblem[] = [];
  const factReads: FactRead[] = [];
  const variables = new Set<string>();
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const at = match.index;
    if (at > last) parts.push(source.slice(last, at));
    const inner = match[1] ?? '';
    const innerStart = at + 2;
    if (inner.trim() === '') {
      problems.push({ message: 'empty placeholder {{ }}: expected a CEL expression inside', offset: at, excerpt: match[0] });
    } else {
      const compiled = compileExpression(inner, scope);
      if (compiled.ok) {
        parts.push(compiled.value);
        for (const read of compiled.value.factReads) factReads.push({ ...read, offset: read.offset + innerStart });
        compiled.value.variables.forEach((v) => variables.add(v));
      } else {
        for (const p of compiled.problems) problems.push({ ...p, message: `in placeholder {{${inner}}}: ${p.message}`, offset: p.offset + innerStart });
      }
    }
    last = at + match[0].length;
  }
  const rest = source.slice(last);
  const unclosed = rest.indexOf('{{');
  if (unclosed >= 0) problems.push({ message: "unclosed placeholder: expected '}}' after '{{'", offset: last + unclosed, excerpt: '{{' });
  if (rest) parts.push(rest);
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { source, parts, factReads, variables } };
}

/** How a CEL value reads in a message: lists joined with commas, maps as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value instanceof Map) return formatValue(Object.fromEntries(value));
  if (typeof value === 'object') {
    const v = value as { hasValue?: () => boolean; value?: () => unknown };
    // An optional value (`resource.?Field`) reads as its content, or as nothing.
    if (typeof v.hasValue === 'function' && typeof v.value === 'function') return v.hasValue() ? formatValue(v.value()) : '';
    return JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'bigint' ? Number(inner) : inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
    );
  }
  return String(value);
}

/** The type name of a CEL value, for "returned int, not a boolean". */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  return 'map';
}

/** The one-line reason an evaluation failed. */
export function evaluationErrorMessage(error: unknown): string {
  const e = error as { summary?: string; message?: string };
  return e.summary ?? String(e.message ?? error).split('\n')[0] ?? 'evaluation failed';
}

const NO_ERRORS: readonly string[] = Object.freeze([]);

/**
 * Renders a template; a placeholder that fails keeps its expression text in
 * the message (so the finding still reads) and its error is returned.
 */
export function renderTemplate(template: CompiledTemplate, activation: Record<string, unknown>): { text: string; errors: readonly string[] } {
  const { parts } = template;
  // Made on the first failing placeholder: nearly every message renders, once per finding.
  let errors: string[] | undefined;
  // A template without placeholders is its own text.
  if (parts.length === 1 && typeof parts[0] === 'string') return { text: parts[0], errors: NO_ERRORS };
  // Joined once at the end: findings keep their messages, and one flat string is smaller than a chain of pieces.
  // Sized up front: an array grown piece by piece is reallocated on the way, once per finding.
  const pieces = new Array<string>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (typeof part === 'string') {
      pieces[i] = part;
      continue;
    }
    try {
      pieces[i] = formatValue(part.evaluate(activation));
    } catch (error) {
      (errors ??= []).push(`message placeholder {{${part.source}}}: ${evaluationErrorMessage(error)}`);
      pieces[i] = `{{${part.source.trim()}}}`;
    }
  }
  return { text: pieces.join(''), errors: errors ?? NO_ERRORS };
}
