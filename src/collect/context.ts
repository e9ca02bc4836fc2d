/**
 * The per-service context a collector runs in: it turns failed steps into
 * one coverage record, and step counts into progress events.
 */
import { describeAwsError, IAM_PREFIX } from '../aws/index.js';
import type { Reporter } from '../events/index.js';
import { RESOURCE_TYPES, type CoverageRecord, type ResourceType, type Service } from '../snapshot/types.js';
import type { CollectContext, StepFailure } from './types.js';

export interface ServiceContext extends CollectContext {
  readonly failures: readonly StepFailure[];
  /** The coverage record of this account, region and service, from the failures so far. */
  coverage(resourceTypes: readonly ResourceType[]): CoverageRecord;
}

/** AWS appends a per-request encoded blob to some denials; it differs on every call and says nothing to a reader. */
function cleanMessage(message: string): string {
  return message.replace(/\s*Encoded authorization failure message:.*$/s, '').trim();
}

export function createServiceContext(init: { accountId: string; region: string; service: Service; includeUserData: boolean; reporter: Reporter }): ServiceContext {
  const failures: StepFailure[] = [];
  const { accountId, region, service, reporter } = init;
  return {
    accountId,
    region,
    includeUserData: init.includeUserData,
    failures,
    async attempt(step, missing, run) {
      try {
        return await run();
      } catch (error) {
        const failure = describeAwsError(error);
        if (!failure) throw error;
        failures.push({ step, code: failure.code, message: cleanMessage(failure.message), missing });
        return undefined;
      }
    },
    fail(failure) {
      failures.push({ ...failure, message: cleanMessage(failure.message) });
    },
    progress(resourceType, count) {
      reporter.emit({ level: 'debug', code: 'collect.progress', accountId, region, service, resourceType, count });
    },
    coverage(resourceTypes) {
      if (failures.length === 0) return { accountId, region, service, status: 'ok' };
      const sorted = [...failures].sort((a, b) => (a.step < b.step ? -1 : a.step > b.step ? 1 : 0));
      const prefix = IAM_PREFIX[service];
      const messages = [...new Set(sorted.map((f) => `${prefix}:${f.step}: ${f.code}: ${f.message}`))];
      const missing = new Set(sorted.flatMap((f) => f.missing).filter((t) => resourceTypes.includes(t)));
      const record: CoverageRecord = { accountId, region, service, status: 'error', errorCode: sorted[0]!.code, error: messages.join('; ') };
      // `missing` lists what a partial failure left out; when everything is missing the whole service failed and it is omitted.
      if (missing.size < resourceTypes.length) record.missing = RESOURCE_TYPES.filter((t) => missing.has(t));
      return record;
    },
  };
}
