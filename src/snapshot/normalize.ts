import { RESOURCE_TYPES, resourceId, type AwsResource, type Snapshot } from './types.js';

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Makes a value canonical: Dates (the SDK) and ISO strings with offsets (the
 * AWS CLI) become one UTC form, undefined fields disappear, and object keys are
 * sorted, so that a scan and an import of the same estate are byte-identical.
 */
export function canonicalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') {
    if (ISO_LIKE.test(value)) {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) return date.toISOString();
    }
    return value;
  }
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      out[key] = canonicalize(v);
    }
    return out;
  }
  return value;
}

function compareResources(type: (typeof RESOURCE_TYPES)[number]) {
  return (a: AwsResource, b: AwsResource): number =>
    a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || resourceId(type, a).localeCompare(resourceId(type, b));
}

/** Sorts every list and canonicalizes every resource; the result is what gets written. */
export function normalizeSnapshot(snapshot: Snapshot): Snapshot {
  const resources: Snapshot['resources'] = {};
  for (const type of RESOURCE_TYPES) {
    const list = snapshot.resources[type];
    if (!list) continue;
    resources[type] = (list.map(canonicalize) as AwsResource[]).sort(compareResources(type));
  }
  return {
    schemaVersion: snapshot.schemaVersion,
    tool: snapshot.tool,
    generatedAt: snapshot.generatedAt,
    source: {
      ...snapshot.source,
      accounts: [...new Set(snapshot.source.accounts)].sort(),
      regions: [...new Set(snapshot.source.regions)].sort(),
    },
    coverage: [...snapshot.coverage]
      .map((c) => canonicalize(c) as typeof c)
      .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.service.localeCompare(b.service)),
    resources,
    instanceTypes: (snapshot.instanceTypes.map(canonicalize) as Snapshot['instanceTypes']).sort(
      (a, b) => a.region.localeCompare(b.region) || a.InstanceType.localeCompare(b.InstanceType),
    ),
    availabilityZones: (snapshot.availabilityZones.map(canonicalize) as Snapshot['availabilityZones']).sort(
      (a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.ZoneName.localeCompare(b.ZoneName),
    ),
  };
}

/** Counts resources per type. */
export function countResources(snapshot: Snapshot): number {
  return RESOURCE_TYPES.reduce((n, type) => n + (snapshot.resources[type]?.length ?? 0), 0);
}
