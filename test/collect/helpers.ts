/** Shared setup for scan tests: dummy credentials and a scan of chosen accounts through role assumption. */
import { scan, type ScanOptions } from '../../src/collect/run.js';
import { memorySink } from '../../src/events/index.js';
import type { AwsResource, ResourceType, Snapshot } from '../../src/snapshot/types.js';
import { roleArnFor } from '../../test-support/seed/index.js';

/** moto accepts any keys; instance metadata is never tried. */
export const TEST_ENV: NodeJS.ProcessEnv = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' };

export const FIXED_NOW = new Date('2026-01-02T03:04:05.000Z');

/** Scans the given moto accounts (each through its own role) and keeps the events. */
export async function scanAccounts(endpoint: string, accountIds: string[], extra: Partial<ScanOptions> = {}) {
  const reporter = memorySink();
  const result = await scan({
    regions: ['us-east-1'],
    roleArns: accountIds.map(roleArnFor),
    endpointUrl: endpoint,
    reporter,
    toolVersion: '0.0.0-test',
    now: FIXED_NOW,
    env: TEST_ENV,
    ...extra,
  });
  return { ...result, events: reporter.events };
}

/** The resources of a type, as a map by a field. */
export function byField(snapshot: Snapshot, type: ResourceType, field: string): Map<string, AwsResource> {
  return new Map((snapshot.resources[type] ?? []).map((r) => [String(r[field]), r]));
}
