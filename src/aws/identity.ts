/**
 * The identity check before a scan: one STS GetCallerIdentity with a short
 * retry, so missing or expired credentials and an unreachable endpoint fail
 * in seconds with one clear message instead of after minutes of retries.
 */
import { CollectError } from '../errors.js';
import { describeAwsError } from './aws-error.js';
import type { AwsTarget } from './clients.js';
import { partitionOfArn } from './regions.js';
import { createStsPort, type CallerIdentity } from './sts.js';

export interface Identity extends CallerIdentity {
  /** aws, aws-cn, aws-us-gov… (from the caller's ARN). */
  partition: string;
}

/** Settings of the quick check: two attempts, short timeouts. */
const QUICK = { maxAttempts: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 15_000 } as const;

/** Asks STS who the credentials belong to; throws a CollectError that says what to do when it can't. */
export async function checkIdentity(target: AwsTarget, context: { profile?: string } = {}): Promise<Identity> {
  const sts = createStsPort({ ...target, ...QUICK });
  try {
    const identity = await sts.getCallerIdentity();
    return { ...identity, partition: partitionOfArn(identity.arn) };
  } catch (error) {
    throw identityError(error, target, context.profile);
  }
}

/** Turns a failed identity check into the one message the user sees. */
export function identityError(error: unknown, target: Pick<AwsTarget, 'endpoint' | 'region'>, profile?: string): CollectError {
  const failure = describeAwsError(error);
  const endpoint = target.endpoint ?? `https://sts.${target.region}.amazonaws.com`;
  if (!failure) {
    return new CollectError(`the AWS identity check failed: ${error instanceof Error ? error.message : String(error)}`, { code: 'E_AWS_CREDENTIALS', cause: error });
  }
  if (failure.kind === 'endpoint') {
    return new CollectError(`cannot reach the AWS endpoint ${endpoint} (${failure.code})`, {
      code: 'E_AWS_ENDPOINT',
      cause: error,
      hint: target.endpoint
        ? 'Check --endpoint-url: is the server running and listening on that address?'
        : 'Check the network connection, any HTTPS proxy settings, and the region name given with --region.',
    });
  }
  if (failure.code === 'NoCredentials') {
    return new CollectError(profile ? `no AWS credentials for profile '${profile}': ${failure.message}` : 'no AWS credentials found', {
      code: 'E_AWS_CREDENTIALS',
      cause: error,
      hint: profile
        ? `Check the profile in your AWS config and credentials files, or sign in with \`aws sso login --profile ${profile}\`.`
        : 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile (or set AWS_PROFILE), or sign in with `aws sso login`.',
    });
  }
  if (failure.kind === 'credentials' || failure.kind === 'access') {
    return new CollectError(`the AWS credentials were rejected (${failure.code}): ${failure.message}`, {
      code: 'E_AWS_CREDENTIALS',
      cause: error,
      hint: 'Check the access keys, or renew the session (expired SSO or session tokens must be refreshed, e.g. `aws sso login`).',
    });
  }
  return new CollectError(`the AWS identity check failed (${failure.code}): ${failure.message}`, {
    code: failure.kind === 'region' ? 'E_AWS_REGION' : 'E_AWS_CREDENTIALS',
    cause: error,
    hint: 'Check --region and --endpoint-url, then run again with --debug for details.',
  });
}
