/**
 * A scan: check who the credentials are, work out the accounts and regions,
 * run every collector for each (account, region) with a bound on requests in
 * flight, and assemble the snapshot with a coverage record for each
 * (account, region, service).
 */
import {
  accountOfRoleArn,
  assumedRoleCredentials,
  CallCounter,
  checkIdentity,
  createEc2Port,
  createLimiter,
  createStsPort,
  defaultCredentials,
  describeAwsError,
  enabledRegions,
  isRegionName,
  partitionOfRegion,
  resolveDefaultRegion,
  type AwsTarget,
  type CredentialProvider,
  type Identity,
} from '../aws/index.js';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './limits.js';
import { CollectError, UsageError } from '../errors.js';
import type { Reporter } from '../events/index.js';
import { normalizeSnapshot } from '../snapshot/normalize.js';
import {
  RESOURCE_TYPES,
  resourceId,
  SNAPSHOT_SCHEMA_VERSION,
  type AvailabilityZoneInfo,
  type AwsResource,
  type CoverageRecord,
  type InstanceTypeInfo,
  type ResourceType,
  type Snapshot,
} from '../snapshot/types.js';
import { createServiceContext, type ServiceContext } from './context.js';
import { completeEc2 } from './ec2.js';
import { COLLECTORS } from './registry.js';
import type { Collector, RawResource, ServiceOutput } from './types.js';

export interface ScanOptions {
  /** Regions to scan; default: AWS_REGION, AWS_DEFAULT_REGION or the profile's region. */
  regions?: string[];
  /** Every region enabled for each account (DescribeRegions, opted-in only, caller's partition). */
  allRegions?: boolean;
  profile?: string;
  /** One role per target account; without any, the caller's own account is scanned. */
  roleArns?: string[];
  externalId?: string;
  endpointUrl?: string;
  /** API requests in flight at once, across accounts, regions and services (default 8). */
  concurrency?: number;
  includeUserData?: boolean;
  reporter: Reporter;
  toolVersion: string;
  /** The snapshot's generatedAt. */
  now: Date;
  /** The environment credentials and the default region are read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './limits.js';

/** One target account: how to reach it, and which regions to walk (or why it can't be scanned). */
interface AccountPlan {
  accountId: string;
  credentials: CredentialProvider;
  regions: string[];
  failure?: { code: string; message: string };
}

interface ServiceRun {
  collector: Collector;
  context: ServiceContext;
  counter: CallCounter;
  output: ServiceOutput;
}

interface RegionResult {
  accountId: string;
  region: string;
  runs: ServiceRun[];
}

const nonEmpty = (value: string | undefined): string | undefined => (value && value.trim() !== '' ? value.trim() : undefined);

/** Rejects options that can't work before any call is made. */
function checkOptions(options: ScanOptions): void {
  for (const region of options.regions ?? []) {
    if (!isRegionName(region)) {
      throw new UsageError(`'${region}' is not an AWS region name`, { hint: 'Region names look like us-east-1 or eu-west-2.' });
    }
  }
  if (options.allRegions && (options.regions?.length ?? 0) > 0) {
    throw new UsageError('--region and --all-regions cannot be used together', { hint: 'Use --all-regions alone to scan every enabled region, or list the regions with --region.' });
  }
  for (const arn of options.roleArns ?? []) {
    if (!accountOfRoleArn(arn)) {
      throw new UsageError(`'${arn}' is not an IAM role ARN`, { hint: 'Role ARNs look like arn:aws:iam::123456789012:role/kubelift-scan.' });
    }
  }
  if (options.externalId !== undefined && (options.roleArns?.length ?? 0) === 0) {
    throw new UsageError('--external-id needs --role-arn', { hint: 'The external id is sent when assuming the roles given with --role-arn.' });
  }
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${String(options.concurrency)}`);
  }
  if (options.endpointUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.endpointUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new UsageError(`--endpoint-url '${options.endpointUrl}' is not an http(s) URL`, { hint: 'For example --endpoint-url http://127.0.0.1:5000' });
    }
  }
}

/** What a scan gives: the snapshot, and how many calls of each API it made. */
export interface ScanResult {
  snapshot: Snapshot;
  calls: Record<string, number>;
}

/** Reads an AWS estate; resolves to the snapshot (normalized) and the API calls made per `service:Action`. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  checkOptions(options);
  const env = options.env ?? process.env;
  const started = performance.now();
  const { reporter } = options;
  const includeUserData = Boolean(options.includeUserData);
  const endpoint = options.endpointUrl ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const limiter = createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  const calls = new CallCounter();

  const defaultRegion = resolveDefaultRegion({ profile: options.profile, env });
  if (defaultRegion !== undefined && !isRegionName(defaultRegion)) {
    throw new CollectError(`the default region '${defaultRegion}' is not an AWS region name`, {
      code: 'E_AWS_REGION',
      hint: 'Check AWS_REGION, AWS_DEFAULT_REGION and the region of your AWS profile, or pass --region.',
    });
  }
  const explicit = [...new Set(options.regions ?? [])].sort();
  const regions = explicit.length > 0 ? explicit : defaultRegion ? [defaultRegion] : [];
  if (!options.allRegions && regions.length === 0) {
    throw new CollectError('no AWS region given', {
      code: 'E_AWS_REGION',
      hint: 'Pass --region (repeatable) or --all-regions, or set AWS_REGION or a region in your AWS profile.',
    });
  }
  // The region STS and DescribeRegions are called in: the default one when it is in the scan's partition (a
  // region needing opt-in may come first in the list), else the first region scanned; with --all-regions and
  // no default, the commercial partition's first region.
  const firstRegion = regions[0];
  const homeRegion =
    defaultRegion && (!firstRegion || partitionOfRegion(defaultRegion) === partitionOfRegion(firstRegion)) ? defaultRegion : (firstRegion ?? 'us-east-1');
  if (defaultRegion === undefined && options.allRegions) {
    reporter.emit({ level: 'debug', code: 'message', text: `no default region set: listing regions from ${homeRegion}` });
  }
  const base = defaultCredentials({ profile: options.profile, env, endpoint, region: homeRegion });
  const targetOf = (region: string, credentials: CredentialProvider, counter: CallCounter = calls): AwsTarget => ({ region, credentials, endpoint, limiter, counter });

  const identity = await checkIdentity(targetOf(homeRegion, base), { profile: options.profile });
  reporter.emit({ level: 'info', code: 'collect.identity', accountId: identity.accountId, arn: identity.arn });

  const roles = [...new Set(options.roleArns ?? [])];
  const plans = await Promise.all(
    roles.length > 0
      ? roles.map((role) => planAccount({ role, base, identity, homeRegion, regions, options, targetOf }))
      : [planAccount({ base, identity, homeRegion, regions, options, targetOf })],
  );
  const walkable = plans.filter((p) => !p.failure);
  const regionCount = new Set(walkable.flatMap((p) => p.regions)).size;
  reporter.emit({ level: 'info', code: 'collect.started', accounts: plans.length, regions: regionCount, services: COLLECTORS.length });

  const results = await Promise.all(
    walkable.flatMap((plan) => plan.regions.map((region) => collectRegion(plan, region, { includeUserData, reporter, targetOf, calls }))),
  );

  const snapshot = assemble(plans, results, { includeUserData, toolVersion: options.toolVersion, now: options.now });
  const nothing = snapshot.coverage.length === 0 || snapshot.coverage.every((c) => c.status === 'error' && c.missing === undefined);
  if (nothing) throw nothingCollected(snapshot.coverage);
  const gaps = snapshot.coverage.filter((c) => c.status === 'error').length;
  const total = RESOURCE_TYPES.reduce((n, t) => n + (snapshot.resources[t]?.length ?? 0), 0);
  reporter.emit({ level: 'info', code: 'collect.done', resources: total, calls: calls.total(), errors: gaps, seconds: (performance.now() - started) / 1000 });
  return { snapshot, calls: calls.toRecord() };
}

function nothingCollected(coverage: readonly CoverageRecord[]): CollectError {
  const first = coverage[0];
  const detail = first ? ` (first: ${first.accountId} ${first.region} ${first.service}: ${first.error ?? first.errorCode ?? 'failed'})` : '';
  return new CollectError(`nothing could be collected: ${coverage.length} of ${coverage.length} account/region/service scans failed${detail}`, {
    code: 'E_COLLECT_NOTHING',
    hint: 'Check that the credentials allow the read-only actions in docs/iam-policy.json, and that the regions are enabled for the account.',
  });
}

async function planAccount(input: {
  role?: string;
  base: CredentialProvider;
  identity: Identity;
  homeRegion: string;
  regions: string[];
  options: ScanOptions;
  targetOf: (region: string, credentials: CredentialProvider) => AwsTarget;
}): Promise<AccountPlan> {
  const { role, base, identity, homeRegion, options, targetOf } = input;
  const failed = (plan: Omit<AccountPlan, 'failure' | 'regions'>, error: unknown, what: string): AccountPlan => {
    const failure = describeAwsError(error);
    if (!failure) throw error;
    // With --all-regions the regions of an account that can't be reached are unknown: '*' stands for all of them.
    return { ...plan, regions: options.allRegions ? ['*'] : input.regions, failure: { code: failure.code, message: `${what}: ${failure.message}` } };
  };
  let plan: Omit<AccountPlan, 'regions'> = { accountId: identity.accountId, credentials: base };
  if (role) {
    const credentials = assumedRoleCredentials(createStsPort(targetOf(homeRegion, base)), role, options.externalId);
    plan = { accountId: accountOfRoleArn(role)!, credentials };
    try {
      await credentials();
    } catch (error) {
      return failed(plan, error, `sts:AssumeRole ${role}`);
    }
  }
  if (!options.allRegions) return { ...plan, regions: input.regions };
  try {
    const listed = await createEc2Port(targetOf(homeRegion, plan.credentials)).describeRegions();
    return { ...plan, regions: enabledRegions(listed, identity.partition) };
  } catch (error) {
    return failed(plan, error, 'ec2:DescribeRegions');
  }
}

async function collectRegion(
  plan: AccountPlan,
  region: string,
  shared: { includeUserData: boolean; reporter: Reporter; targetOf: (region: string, credentials: CredentialProvider, counter?: CallCounter) => AwsTarget; calls: CallCounter },
): Promise<RegionResult> {
  const { accountId } = plan;
  const { reporter } = shared;
  const runs = await Promise.all(
    COLLECTORS.map(async (collector): Promise<ServiceRun> => {
      const counter = new CallCounter(shared.calls);
      const context = createServiceContext({ accountId, region, service: collector.service, includeUserData: shared.includeUserData, reporter });
      reporter.emit({ level: 'debug', code: 'collect.service-started', accountId, region, service: collector.service });
      const output = await collector.collect(shared.targetOf(region, plan.credentials, counter), context);
      return { collector, context, counter, output };
    }),
  );
  const ec2 = runs.find((r) => r.collector.service === 'ec2');
  const autoscaling = runs.find((r) => r.collector.service === 'autoscaling');
  if (ec2) {
    const asg = autoscaling && {
      groups: autoscaling.output.resources['AWS::AutoScaling::AutoScalingGroup'],
      launchConfigurations: autoscaling.output.resources['AWS::AutoScaling::LaunchConfiguration'],
    };
    await completeEc2(shared.targetOf(region, plan.credentials, ec2.counter), ec2.context, ec2.output, asg);
  }
  for (const run of runs) {
    const coverage = run.context.coverage(run.collector.resourceTypes);
    const service = run.collector.service;
    if (coverage.status === 'error') {
      reporter.emit({ level: 'warn', code: 'collect.coverage-error', accountId, region, service, error: coverage.error ?? coverage.errorCode ?? 'failed' });
    }
    const count = Object.values(run.output.resources).reduce((n, list) => n + (list?.length ?? 0), 0);
    reporter.emit({ level: 'info', code: 'collect.service-done', accountId, region, service, count, calls: run.counter.total() });
  }
  return { accountId, region, runs };
}

function assemble(plans: readonly AccountPlan[], results: readonly RegionResult[], meta: { includeUserData: boolean; toolVersion: string; now: Date }): Snapshot {
  const coverage: CoverageRecord[] = [];
  for (const plan of plans) {
    if (!plan.failure) continue;
    for (const region of plan.regions) {
      for (const collector of COLLECTORS) {
        coverage.push({ accountId: plan.accountId, region, service: collector.service, status: 'error', errorCode: plan.failure.code, error: plan.failure.message });
      }
    }
  }
  const resources: Partial<Record<ResourceType, AwsResource[]>> = {};
  const seen = new Set<string>();
  const instanceTypes = new Map<string, InstanceTypeInfo>();
  const availabilityZones: AvailabilityZoneInfo[] = [];
  for (const { accountId, region, runs } of results) {
    for (const run of runs) {
      coverage.push(run.context.coverage(run.collector.resourceTypes));
      for (const type of RESOURCE_TYPES) {
        const list = run.output.resources[type];
        if (!list) continue;
        const into = (resources[type] ??= []);
        for (const raw of list) {
          const resource: AwsResource = { ...raw, accountId, region };
          // A resource listed twice (it moved between pages while the scan ran) is kept once.
          const key = `${type}|${accountId}|${region}|${resourceId(type, resource)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          into.push(resource);
        }
      }
      for (const info of run.output.instanceTypes ?? []) {
        const name = String((info as RawResource).InstanceType);
        if (!instanceTypes.has(`${region}|${name}`)) instanceTypes.set(`${region}|${name}`, { ...(info as RawResource), region, InstanceType: name });
      }
      for (const zone of run.output.availabilityZones ?? []) {
        if (typeof zone.ZoneName !== 'string' || typeof zone.ZoneId !== 'string') continue;
        availabilityZones.push({ ...zone, accountId, region, ZoneName: zone.ZoneName, ZoneId: zone.ZoneId });
      }
    }
  }
  return normalizeSnapshot({
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'kubelift', version: meta.toolVersion },
    generatedAt: meta.now.toISOString(),
    source: {
      kind: 'scan',
      accounts: plans.map((p) => p.accountId),
      regions: [...new Set(plans.flatMap((p) => p.regions))].filter((r) => r !== '*'),
      includesUserData: meta.includeUserData,
    },
    coverage,
    resources,
    instanceTypes: [...instanceTypes.values()],
    availabilityZones,
  });
}
