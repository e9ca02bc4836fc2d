/**
 * Reading a YAML file a person wrote (plan.yaml, apps/*.yaml) so that every
 * problem is reported with the file, line and column of the offending node:
 * YAML syntax errors first, then JSON Schema errors mapped back to the node.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { InputIssue } from '../errors.js';

export interface ParsedYaml {
  doc: Document;
  /** Line and column (1-based) of a character offset. */
  at(offset: number): { line: number; column: number };
}

/** Parses YAML text; syntax errors become issues (and `undefined`). */
export function parseYaml(text: string, file: string, issues: InputIssue[]): ParsedYaml | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const first = error.linePos?.[0];
      issues.push({ file, ...(first ? { line: first.line, column: first.col } : at(error.pos[0])), message: `invalid YAML: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}` });
    }
    return undefined;
  }
  return { doc, at };
}

/** Where a node is: the key of the last segment when `key` is set (unknown fields), else the value. */
export function locate(parsed: ParsedYaml, segments: readonly string[], key = false): { line: number; column: number } {
  let node: unknown = parsed.doc.contents;
  let best = 0;
  const rangeOf = (n: unknown) => (n as { range?: [number, number, number] } | null)?.range?.[0];
  best = rangeOf(node) ?? 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      const isLast = i === segments.length - 1;
      if (isLast && key) {
        best = rangeOf(pair.key) ?? best;
        break;
      }
      best = rangeOf(pair.value) ?? rangeOf(pair.key) ?? best;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      best = rangeOf(item) ?? best;
      node = item;
    } else {
      break;
    }
  }
  return parsed.at(best);
}

function pointerSegments(pointer: string): string[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A JSON path for people: `$.workloads.web.replicas`, `$.signals[2].weight`. */
export function jsonPath(segments: readonly string[]): string {
  return `$${segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('')}`;
}

function valueAt(data: unknown, segments: readonly string[]): unknown {
  let node = data;
  for (const s of segments) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[s] : undefined;
  return node;
}

function describe(error: ErrorObject, data: unknown, segments: readonly string[]): string {
  switch (error.keyword) {
    case 'propertyNames':
      return `has a key '${String(error.params.propertyName)}' that is not allowed: keys here are lowercase letters, digits and '-' (at most 63)`;
    case 'not':
      return `must not be ${JSON.stringify(valueAt(data, segments))}`;
    case 'additionalProperties':
      return `unknown field '${String(error.params.additionalProperty)}'`;
    case 'required':
      return `missing required field '${String(error.params.missingProperty)}'`;
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(error.params.allowedValue)}`;
    case 'type':
      return `must be ${/^[aeiou]/.test(String(error.params.type)) ? 'an' : 'a'} ${String(error.params.type)}`;
    default:
      return error.message ?? 'is invalid';
  }
}

/** Schema errors as issues at the offending nodes; `if` errors are dropped (their `then` already speaks). */
export function schemaIssues(validate: ValidateFunction, parsed: ParsedYaml, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  const data = parsed.doc.toJS() as unknown;
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    // Errors inside propertyNames repeat what the propertyNames error says.
    if ((error as ErrorObject & { propertyName?: string }).propertyName !== undefined) continue;
    const segments = pointerSegments(error.instancePath);
    const atKey = error.keyword === 'additionalProperties' || error.keyword === 'propertyNames';
    const target = error.keyword === 'additionalProperties' ? [...segments, String(error.params.additionalProperty)] : error.keyword === 'propertyNames' ? [...segments, String(error.params.propertyName)] : segments;
    const path = jsonPath(target);
    const subject = jsonPath(error.keyword === 'propertyNames' ? segments : target);
    const message = `${subject === '$' ? '' : `${subject.slice(2)} `}${describe(error, data, segments)}`;
    if (seen.has(message)) continue;
    seen.add(message);
    issues.push({ file, ...locate(parsed, target, atKey), path, message });
  }
  return issues;
}
