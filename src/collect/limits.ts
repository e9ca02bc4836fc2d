/**
 * The bounds on API requests in flight during a scan. Kept apart from run.ts
 * so that `--help` can name the default without loading the AWS SDK.
 */
export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 256;
