/**
 * The commonest expression shapes of the rule catalog, evaluated in plain
 * JavaScript: reading a field (`facts.running`), `!`, `&&`, `||`, comparing
 * with a literal (`facts.ageDays > 180`, `facts.state == 'stopped'`) or two
 * numbers, `size` of a list, `has(resource.Field)`, `cond ? a : b` and
 * `x in ['literal', …]`. The library builds a context for every evaluation, and a
 * large estate has millions of them.
 *
 * A direct evaluator answers only when every value it reads is what the shape
 * expects; otherwise it answers UNDECIDED and the library evaluates the whole
 * expression, so every error (a missing field, a type the operator does not
 * take) and its message stay the library's. Only cel.ts uses this module.
 */
import type { ASTNode } from '@marcbachmann/cel-js';

/** "Ask the library": the value did not fit the shape this evaluator handles. */
export const UNDECIDED: unique symbol = Symbol('undecided');

export type DirectEvaluator = (activation: Record<string, unknown>) => unknown;

type Node = { op: string; args: unknown };
type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

const COMPARISONS = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);

/**
 * A map as the library sees one: a plain object. Maps and other objects
 * are left to the library.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const constructor: unknown = value.constructor;
  return constructor === Object || constructor === undefined;
}

function isPrimitive(value: unknown): boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint';
}

/** A value the library returns from a field read unchanged (it rejects other types). */
function isPlainValue(value: unknown): boolean {
  return isPrimitive(value) || value === null || Array.isArray(value) || isPlainObject(value);
}

/**
 * True when the library can type a map or list for an operator: it looks at
 * the first entry, then that entry's first entry, and so on, and fails on a
 * value it does not take (an `undefined` map value, a Date). Anything but plain
 * objects, arrays and primitives is left to the library.
 */
function isTypeable(value: unknown): boolean {
  for (let current = value; ; ) {
    if (Array.isArray(current)) {
      const first: unknown = current[0];
      // The library stops at a list whose first element is missing.
      if (first === undefined) return true;
      current = first;
    } else if (isPlainObject(current)) {
      let next: unknown;
      let empty = true;
      // The library reads the first key the same way, with for…in.
      for (const key in current) {
        next = current[key];
        empty = false;
        break;
      }
      if (empty) return true;
      current = next;
    } else {
      return current === null || isPrimitive(current);
    }
  }
}

/** `object.field` as the library reads it, when `object` is a map holding a plain value there. */
function fieldOf(object: unknown, field: string): unknown {
  if (!isPlainObject(object) || !Object.hasOwn(object, field)) return UNDECIDED;
  const value = object[field];
  return value !== undefined && isPlainValue(value) ? value : UNDECIDED;
}

// Both sides are numbers or both are bigints: the callers check.
function compare(op: Comparison, left: number | bigint, right: number | bigint): boolean {
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

/**
 * A direct evaluator for an expression, or undefined when its shape is not
 * one of those above. `nullable` names the variables declared `dyn`, which may
 * be null; the others are maps.
 */
export function directEvaluator(ast: ASTNode, nullable: ReadonlySet<string>): DirectEvaluator | undefined {
  return compileNode(ast as Node, nullable);
}

function compileNode(node: Node, nullable: ReadonlySet<string>): DirectEvaluator | undefined {
  switch (node.op) {
    case 'id': {
      const name = node.args as string;
      const mayBeNull = nullable.has(name);
      return (activation) => {
        const value = activation[name];
        return isPlainObject(value) || (mayBeNull && value === null) ? value : UNDECIDED;
      };
    }
    case '.': {
      const [targetNode, field] = node.args as [Node, string];
      // `facts.x`, by far the commonest read, in one step.
      if (targetNode.op === 'id') {
        const name = targetNode.args as string;
        return (activation) => fieldOf(activation[name], field);
      }
      const target = compileNode(targetNode, nullable);
      if (!target) return undefined;
      return (activation) => fieldOf(target(activation), field);
    }
    case 'value': {
      // Literals: strings, ints (bigint), doubles, booleans and null, returned as the library returns them.
      const literal = node.args;
      if (literal !== null && !isPrimitive(literal)) return undefined;
      return () => literal;
    }
    case 'call':
      return compileHas(node.args as [string, Node[]], nullable);
    case '?:': {
      const [conditionNode, thenNode, elseNode] = node.args as [Node, Node, Node];
      const condition = compileNode(conditionNode, nullable);
      const then = compileNode(thenNode, nullable);
      const otherwise = compileNode(elseNode, nullable);
      if (!condition || !then || !otherwise) return undefined;
      return (activation) => {
        const value = condition(activation);
        if (typeof value !== 'boolean') return UNDECIDED;
        return value ? then(activation) : otherwise(activation);
      };
    }
    case 'in':
      return compileInList(node.args as [Node, Node], nullable);
    case '!_': {
      const operand = compileNode(node.args as Node, nullable);
      if (!operand) return undefined;
      return (activation) => {
        const value = operand(activation);
        return typeof value === 'boolean' ? !value : UNDECIDED;
      };
    }
    case '&&':
    case '||': {
      const [leftNode, rightNode] = node.args as [Node, Node];
      const left = compileNode(leftNode, nullable);
      const right = compileNode(rightNode, nullable);
      if (!left || !right) return undefined;
      // `&&` stops at false, `||` at true, without reading the right side (as the library does).
      const stop = node.op === '||';
      return (activation) => {
        const l = left(activation);
        if (typeof l !== 'boolean') return UNDECIDED;
        if (l === stop) return stop;
        const r = right(activation);
        return typeof r === 'boolean' ? r : UNDECIDED;
      };
    }
    default:
      if (COMPARISONS.has(node.op)) return compileComparison(node.op as Comparison, node.args as [Node, Node], nullable);
      return undefined;
  }
}

/** `x <op> literal`: numbers (and list sizes) against an int, strings and null by equality. */
function compileComparison(op: Comparison, [leftNode, rightNode]: [Node, Node], nullable: ReadonlySet<string>): DirectEvaluator | undefined {
  if (rightNode.op !== 'value') return compileNumberComparison(op, leftNode, rightNode, nullable);
  const literal = rightNode.args;
  const equality = op === '==' || op === '!=';

  if (typeof literal === 'bigint') {
    // Beyond 2^53 a double cannot hold the literal exactly.
    if (literal > BigInt(Number.MAX_SAFE_INTEGER) || literal < BigInt(Number.MIN_SAFE_INTEGER)) return undefined;
    const bound = Number(literal);
    const size = sizeOperand(leftNode, nullable);
    if (size) {
      return (activation) => {
        const list = size(activation);
        return Array.isArray(list) && isTypeable(list) ? compare(op, list.length, bound) : UNDECIDED;
      };
    }
    const left = compileNode(leftNode, nullable);
    if (!left) return undefined;
    return (activation) => {
      const value = left(activation);
      // The library compares a double with an int by value; NaN and infinities are left to it.
      if (typeof value === 'number') return Number.isFinite(value) ? compare(op, value, bound) : UNDECIDED;
      return typeof value === 'bigint' ? compare(op, value, literal) : UNDECIDED;
    };
  }

  if (!equality) return undefined;
  const left = compileNode(leftNode, nullable);
  if (!left) return undefined;
  const equal = op === '==';
  if (typeof literal === 'string') {
    return (activation) => {
      const value = left(activation);
      return typeof value === 'string' ? (value === literal) === equal : UNDECIDED;
    };
  }
  if (literal === null) {
    return (activation) => {
      const value = left(activation);
      if (value === null) return equal;
      return isPlainObject(value) && isTypeable(value) ? !equal : UNDECIDED;
    };
  }
  return undefined;
}

/** The list read by `size(list)`, or undefined when the node is not that call. */
function sizeOperand(node: Node, nullable: ReadonlySet<string>): DirectEvaluator | undefined {
  if (node.op !== 'call') return undefined;
  const [name, args] = node.args as [string, Node[]];
  if (name !== 'size' || args.length !== 1) return undefined;
  return compileNode(args[0]!, nullable);
}

/** `a <op> b` where neither side is a literal: answered when both are finite doubles. */
function compileNumberComparison(op: Comparison, leftNode: Node, rightNode: Node, nullable: ReadonlySet<string>): DirectEvaluator | undefined {
  const left = compileNode(leftNode, nullable);
  const right = compileNode(rightNode, nullable);
  if (!left || !right) return undefined;
  return (activation) => {
    const l = left(activation);
    if (typeof l !== 'number' || !Number.isFinite(l)) return UNDECIDED;
    const r = right(activation);
    return typeof r === 'number' && Number.isFinite(r) ? compare(op, l, r) : UNDECIDED;
  };
}

/**
 * `has(target.field)`: false when the map lacks the field, true when it holds
 * a plain value there. A target that is not a map (the library answers some of
 * those, fails on others) and odd values are left to the library.
 */
function compileHas([name, args]: [string, Node[]], nullable: ReadonlySet<string>): DirectEvaluator | undefined {
  if (name !== 'has' || args.length !== 1 || args[0]!.op !== '.') return undefined;
  const [targetNode, field] = args[0]!.args as [Node, string];
  const target = compileNode(targetNode, nullable);
  if (!target) return undefined;
  return (activation) => {
    const object = target(activation);
    if (!isPlainObject(object)) return UNDECIDED;
    if (!Object.hasOwn(object, field)) return false;
    const value = object[field];
    if (value === undefined) return false;
    return isPlainValue(value) ? true : UNDECIDED;
  };
}

/** `x in ['a', 'b']` with a list of string literals: answered when `x` is a string. */
function compileInList([leftNode, listNode]: [Node, Node], nullable: ReadonlySet<string>): DirectEvaluator | undefined {
  if (listNode.op !== 'list') return undefined;
  const items = listNode.args as Node[];
  const strings: string[] = [];
  for (const item of items) {
    if (item.op !== 'value' || typeof item.args !== 'string') return undefined;
    strings.push(item.args);
  }
  const left = compileNode(leftNode, nullable);
  if (!left) return undefined;
  return (activation) => {
    const value = left(activation);
    return typeof value === 'string' ? strings.includes(value) : UNDECIDED;
  };
}
