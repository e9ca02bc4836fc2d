/**
 * Workload ids: DNS-1123 labels derived from names, so the same estate gives
 * the same ids whatever the order of the snapshot, and a user can type them
 * (`kubelift export --workload web`).
 */
import { createHash } from 'node:crypto';

const MAX_LENGTH = 63;

/** A DNS-1123 label made from a name: lower case, `a-z0-9-`, at most 63 characters. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    // Accents decompose into combining marks; dropping them keeps "Ü" as "u".
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return fit(slug || 'workload', '');
}

/** A short, stable hash of a string (hex). */
export function shortHash(value: string, length = 6): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}

// Cuts a label so that `label-suffix` stays within 63 characters and ends with an alphanumeric.
function fit(label: string, suffix: string): string {
  const room = MAX_LENGTH - (suffix ? suffix.length + 1 : 0);
  const cut = label.length > room ? `${label.slice(0, room - 7).replace(/-+$/, '')}-${shortHash(label)}` : label;
  return suffix ? `${cut}-${suffix}` : cut;
}

/** What an id is derived from: a readable name and the identity that makes it unique. */
export interface IdSource {
  name: string;
  accountId: string;
  region: string;
  /** Unique across the estate (e.g. the ASG's key, or the sorted member instance ids). */
  identity: string;
}

/**
 * Gives each source a unique id. A name used once keeps its plain slug; names
 * that clash are qualified by region, then account, then a hash of their
 * identity, so an id depends only on the estate, never on listing order.
 */
export function assignIds(sources: readonly IdSource[]): string[] {
  const qualifiers: ((s: IdSource) => string)[] = [
    (s) => slugify(s.region),
    (s) => `${slugify(s.region)}-${s.accountId}`,
    (s) => shortHash(s.identity, 8),
  ];
  let ids = sources.map((s) => slugify(s.name));
  for (const qualify of qualifiers) {
    const clashing = clashes(ids);
    if (clashing.size === 0) break;
    ids = ids.map((id, i) => (clashing.has(id) ? fit(slugify(sources[i]!.name), qualify(sources[i]!)) : id));
  }
  return ids;
}

function clashes(ids: readonly string[]): Set<string> {
  // Indexed loops: this runs a few times over every workload, before it is optimized.
  const count = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) count.set(ids[i]!, (count.get(ids[i]!) ?? 0) + 1);
  const clashing = new Set<string>();
  count.forEach((n, id) => {
    if (n > 1) clashing.add(id);
  });
  return clashing;
}
