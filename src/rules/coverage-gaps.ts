/**
 * What the snapshot could not see, asked the way the evaluator needs it: was
 * this resource type collected in this account and region, and were the
 * services a rule reads collected there? A rule that needs missing data is
 * `unknown`, never a pass.
 */
import { SERVICE_OF, type CoverageRecord, type ResourceType, type Service, type Snapshot } from '../snapshot/types.js';

export interface TypeGap {
  accountId: string;
  region: string;
  detail: string;
}

export interface CoverageGaps {
  /** Why a type was not (fully) collected in an account and region, or undefined. */
  ofType(type: ResourceType, accountId: string, region: string): string | undefined;
  /** Every account and region where a type was not (fully) collected. */
  typeGaps(type: ResourceType): TypeGap[];
  /** Why one of these services' data is missing in an account and region, or undefined. */
  ofServices(services: readonly Service[], accountId: string, region: string): string | undefined;
}

function describe(record: CoverageRecord): string {
  const why = record.error ?? record.errorCode ?? 'collection failed';
  return `${record.service} was not collected in ${record.accountId} ${record.region}: ${why}`;
}

function coversType(record: CoverageRecord, type: ResourceType): boolean {
  // Without a list of missing types the whole service failed; an empty list
  // means every resource type was read and only a side table (instance types,
  // zones, AMIs) failed.
  return SERVICE_OF[type] === record.service && (!record.missing || record.missing.includes(type));
}

/** Indexes the snapshot's coverage once. */
export function coverageGaps(snapshot: Snapshot): CoverageGaps {
  const errors = snapshot.coverage.filter((c) => c.status === 'error');
  // Account, then region: asked once per check, so no key string is built for each question.
  const byAccount = new Map<string, Map<string, Map<Service, CoverageRecord>>>();
  for (const record of snapshot.coverage) {
    let byRegion = byAccount.get(record.accountId);
    if (!byRegion) byAccount.set(record.accountId, (byRegion = new Map()));
    let services = byRegion.get(record.region);
    if (!services) byRegion.set(record.region, (services = new Map()));
    // A service recorded more than once is only as good as its worst record.
    if (services.get(record.service)?.status !== 'error') services.set(record.service, record);
  }
  const servicesIn = (accountId: string, region: string): Map<Service, CoverageRecord> | undefined => byAccount.get(accountId)?.get(region);
  return {
    ofType(type, accountId, region) {
      const record = servicesIn(accountId, region)?.get(SERVICE_OF[type]);
      return record && record.status === 'error' && coversType(record, type) ? describe(record) : undefined;
    },
    typeGaps(type) {
      return errors.filter((r) => coversType(r, type)).map((r) => ({ accountId: r.accountId, region: r.region, detail: describe(r) }));
    },
    ofServices(services, accountId, region) {
      const recorded = servicesIn(accountId, region);
      // A snapshot that records no coverage for a region (a hand-made one) claims nothing is missing there.
      if (!recorded) return undefined;
      // Indexed: asked for every workload, often before the loop is optimized, when for-of allocates a step object.
      for (let s = 0; s < services.length; s++) {
        const service = services[s]!;
        const record = recorded.get(service);
        if (!record) return `${service} was not collected in ${accountId} ${region}`;
        if (record.status === 'error' && !(record.missing && record.missing.length === 0)) return describe(record);
      }
      return undefined;
    },
  };
}
