/**
 * Sorts what an AWS call threw into the few kinds a scan reacts to
 * differently: a coverage gap (access, region, service), a fatal
 * credentials or endpoint problem, or a bug (anything else, rethrown).
 */

export type AwsFailureKind = 'access' | 'credentials' | 'endpoint' | 'region' | 'throttle' | 'service';

/** One failed AWS call, in the words coverage records and messages use. */
export interface AwsFailure {
  kind: AwsFailureKind;
  /** The AWS error code (AccessDenied, UnauthorizedOperation…) or the network error code (ECONNREFUSED…). */
  code: string;
  /** The first line of the error message, shortened. */
  message: string;
}

const ACCESS = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess', 'Forbidden']);
const CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'IncompleteSignature',
  'RequestExpired',
  'AuthFailure',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
  'TokenProviderError',
]);
const REGION = new Set(['OptInRequired', 'InvalidRegion', 'UnsupportedOperation']);
const THROTTLE = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'RequestThrottled']);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line.trim();
}

function networkCode(error: Error & { code?: unknown; cause?: unknown; errors?: unknown }): string | undefined {
  if (typeof error.code === 'string' && NETWORK.has(error.code)) return error.code;
  // Node wraps connection failures to several addresses in an AggregateError.
  if (Array.isArray(error.errors)) {
    for (const inner of error.errors) if (inner instanceof Error) return networkCode(inner);
  }
  if (error.cause instanceof Error) return networkCode(error.cause);
  return undefined;
}

/** Classifies an error thrown by an SDK call; undefined when it is not an AWS or network failure. */
export function describeAwsError(error: unknown): AwsFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & { $metadata?: unknown; $fault?: unknown; Code?: unknown; code?: unknown };
  const net = networkCode(e);
  if (net) return { kind: 'endpoint', code: net, message: firstLine(e.message || net) };
  if (TIMEOUT_NAMES.has(e.name)) return { kind: 'endpoint', code: 'Timeout', message: firstLine(e.message || 'the request timed out') };
  const isService = e.$metadata !== undefined || e.$fault !== undefined;
  const code = typeof e.Code === 'string' ? e.Code : e.name;
  if (code === 'CredentialsProviderError' || code === 'TokenProviderError') return { kind: 'credentials', code: 'NoCredentials', message: firstLine(e.message) };
  if (!isService) return undefined;
  const kind: AwsFailureKind = ACCESS.has(code)
    ? 'access'
    : CREDENTIALS.has(code)
      ? 'credentials'
      : REGION.has(code)
        ? 'region'
        : THROTTLE.has(code)
          ? 'throttle'
          : 'service';
  return { kind, code: code || 'UnknownError', message: firstLine(e.message || code) };
}
