/**
 * AWS tags → Kubernetes labels (k8s-mapping.md §A.7). Tags allow characters
 * and lengths labels do not, so keys and values are sanitised (runs of other
 * characters become "-", long ones are cut and suffixed with a hash). Tags
 * label object metadata only, never selectors (a Deployment's selector is
 * immutable); a short allow-list also labels pods. The original tags are kept,
 * losslessly, in one JSON annotation.
 */
import { createHash } from 'node:crypto';
import { sortStrings } from '../model/sort.js';
import { byDefault, fromAws, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { WorkloadSources } from './workload-sources.js';

export const TAG_LABEL_PREFIX = 'kubelift/';
export const TAGS_ANNOTATION = 'kubelift/aws-tags';
const MAX = 63;

/** Well-known tag keys (compared without case, spaces or punctuation) and the label they become. */
const WELL_KNOWN: Record<string, string> = {
  application: 'app.kubernetes.io/part-of',
  app: 'app.kubernetes.io/part-of',
  version: 'app.kubernetes.io/version',
  environment: 'environment',
  env: 'environment',
  team: 'team',
  owner: 'team',
  costcenter: 'cost-center',
};
/** Labels that also go on pods; every pod-label change rolls the pods, so the list is short. */
const POD_LABELS = new Set(['environment', 'team', 'cost-center']);

function shorten(text: string): string {
  if (text.length <= MAX) return text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return `${text.slice(0, 54).replace(/[^A-Za-z0-9]+$/, '')}-${hash}`;
}

/** A label value: allowed characters only, alphanumeric at both ends, at most 63 characters ('' allowed). */
export function sanitizeLabelValue(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return shorten(cleaned);
}

/** Label keys by tag key: an estate's workloads share a few tag keys, so each is worked out once. */
const labelKeys = new Map<string, string | undefined>();

/** The label key of a tag key, or undefined when nothing usable remains. */
export function labelKeyOf(tagKey: string): string | undefined {
  if (labelKeys.has(tagKey)) return labelKeys.get(tagKey);
  const known = WELL_KNOWN[tagKey.toLowerCase().replace(/[^a-z0-9]/g, '')];
  const name = known ? undefined : sanitizeLabelValue(tagKey);
  const label = known ?? (name ? `${TAG_LABEL_PREFIX}${name}` : undefined);
  labelKeys.set(tagKey, label);
  return label;
}

/** The tags that describe the workload: the group's, or those every instance shares. */
function workloadTags(sources: WorkloadSources): { tags: Readonly<Record<string, string>>; source?: Sourced } {
  if (sources.asg) return { tags: sources.tags(sources.asg), source: sources.asg };
  const first = sources.instances[0];
  if (!first) return { tags: {} };
  const all = sources.instanceTags();
  const firsts = all[0] as Readonly<Record<string, string>>;
  const others = all.slice(1);
  // Built key by key rather than copied and deleted from: deleting turns an object into a slow dictionary.
  const tags: Record<string, string> = {};
  for (const key of Object.keys(firsts)) {
    const value = firsts[key] as string;
    if (others.every((t) => t[key] === value)) tags[key] = value;
  }
  return { tags, source: first };
}

/** Plans `commonLabels`, `podLabels` and the lossless tag annotation; with `outline`, only the warnings. */
export function planLabels(sources: WorkloadSources, outline = false): Contribution {
  const out = contribution();
  const { tags, source } = workloadTags(sources);
  const keys = sortStrings(Object.keys(tags));
  const labels: Record<string, string> = {};
  const from: Record<string, string> = {};
  for (const key of keys) {
    if (key.startsWith('aws:') || key === 'Name') continue;
    const label = labelKeyOf(key);
    if (!label) continue;
    if (from[label] !== undefined) {
      out.warnings.push(`Tags ${from[label]} and ${key} both become label ${label}; ${from[label]} is kept.`);
      continue;
    }
    from[label] = key;
    if (!outline) labels[label] = sanitizeLabelValue(tags[key] as string);
  }
  if (outline) return out;
  const pod: Record<string, string> = {};
  for (const [label, value] of Object.entries(labels)) if (POD_LABELS.has(label)) pod[label] = value;
  const provenance = source ? fromAws(source, 'Tags', 'tags sanitised into label keys and values (aws: tags and Name left out)') : byDefault('no tags');
  out.values.push({ path: 'commonLabels', value: labels, provenance });
  out.values.push({ path: 'podLabels', value: pod, provenance: source ? fromAws(source, 'Tags', 'only environment, team and cost-center label pods: changing a pod label rolls every pod') : byDefault('no tags') });
  if (keys.length > 0 && source) {
    const sorted: Record<string, string> = {};
    for (const key of keys) sorted[key] = tags[key] as string;
    out.values.push({ path: ['commonAnnotations', TAGS_ANNOTATION], value: JSON.stringify(sorted), provenance: fromAws(source, 'Tags', 'every original tag, unchanged') });
  }
  return out;
}
