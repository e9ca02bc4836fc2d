/** The shapes collectors share: what a collector declares, gets and returns. */
import type { AwsTarget } from '../aws/index.js';
import type { ResourceType, Service } from '../snapshot/types.js';

/** A resource as the AWS API returned it, before `accountId` and `region` are added. */
export type RawResource = Record<string, unknown>;

/** What a collector hands back for one account and region. */
export interface ServiceOutput {
  resources: Partial<Record<ResourceType, RawResource[]>>;
  /** Availability Zones (EC2 only), as DescribeAvailabilityZones returns them. */
  availabilityZones?: RawResource[];
  /** Instance types in use (EC2 only), as DescribeInstanceTypes returns them. */
  instanceTypes?: RawResource[];
}

/** One step of a collector that AWS refused or failed; the rest of the service still runs. */
export interface StepFailure {
  /** The API action that failed, e.g. DescribeTargetHealth. */
  step: string;
  /** The AWS error code (AccessDenied, UnauthorizedOperation, OptInRequired…) or network code. */
  code: string;
  message: string;
  /** Resource types this step's failure leaves incomplete (empty for side tables and user data). */
  missing: readonly ResourceType[];
}

/** What a collector gets besides its AWS target. */
export interface CollectContext {
  accountId: string;
  region: string;
  includeUserData: boolean;
  /**
   * Runs one step. An AWS failure (denied, disabled region, throttled past
   * the retries, unreachable) is recorded and gives undefined, so the
   * collector carries on with what it has; anything else is a bug and is
   * rethrown.
   */
  attempt<T>(step: string, missing: readonly ResourceType[], run: () => Promise<T>): Promise<T | undefined>;
  /** Records a failed step that was not an exception (e.g. a dependency that is missing). */
  fail(failure: StepFailure): void;
  /** Reports how many resources of a type were found. */
  progress(resourceType: ResourceType, count: number): void;
}

/** A collector: one AWS service, the resource types it fills, the IAM actions it may call. */
export interface Collector {
  service: Service;
  resourceTypes: readonly ResourceType[];
  /** Every IAM action the collector may call (read-only: Describe*, List*, Get*). */
  permissions: readonly string[];
  collect(target: AwsTarget, context: CollectContext): Promise<ServiceOutput>;
}
