/** The preview's text: the values.yaml to be written, with the lines decisions changed marked against kubelift's default. */
import type { WorkloadDecision } from '../../../plan/types.js';
import { decisionKey, type Derive } from '../../derive.js';

export interface DiffLine {
  text: string;
  /** `+` added or changed by a decision, `-` what the default had there, ` ` unchanged. */
  mark: ' ' | '+' | '-';
}

export interface PreviewModel {
  lines: DiffLine[];
  /** Indexes of the first line of each changed block. */
  changes: number[];
  error: string | undefined;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A line diff: common head and tail are trimmed first (decisions change a
 * few lines of a long file), then a longest-common-subsequence table over
 * what is left.
 */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] = a[i] === b[j] ? (table[(i + 1) * (m + 1) + j + 1] ?? 0) + 1 : Math.max(table[(i + 1) * (m + 1) + j] ?? 0, table[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const middle: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      middle.push({ text: a[i] ?? '', mark: ' ' });
      i++;
      j++;
    } else if (i < n && (j >= m || (table[(i + 1) * (m + 1) + j] ?? 0) >= (table[i * (m + 1) + j + 1] ?? 0))) {
      middle.push({ text: a[i] ?? '', mark: '-' });
      i++;
    } else {
      middle.push({ text: b[j] ?? '', mark: '+' });
      j++;
    }
  }
  return [...before.slice(0, head).map((text) => ({ text, mark: ' ' as const })), ...middle, ...after.slice(after.length - tail).map((text) => ({ text, mark: ' ' as const }))];
}

const cache = new WeakMap<Derive, { key: string; model: PreviewModel }>();

export function previewModel(derive: Derive, id: string, decision: WorkloadDecision | undefined): PreviewModel {
  const key = `${id}\n${decisionKey(decision)}`;
  const cached = cache.get(derive);
  if (cached && cached.key === key) return cached.model;
  const result = derive.plan(id, decision);
  const after = splitLines(derive.values(id, decision));
  const before = decisionKey(decision) === '' ? after : splitLines(derive.values(id, undefined));
  const lines = before === after ? after.map((text) => ({ text, mark: ' ' as const })) : diffLines(before, after);
  const changes: number[] = [];
  lines.forEach((line, index) => {
    if (line.mark !== ' ' && (index === 0 || lines[index - 1]?.mark === ' ')) changes.push(index);
  });
  const model: PreviewModel = { lines, changes, error: result.error };
  cache.set(derive, { key, model });
  return model;
}
