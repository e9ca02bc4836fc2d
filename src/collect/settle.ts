/**
 * Runs a call per item and waits for every one of them before it returns or
 * throws, so no late answer changes the data after the step has ended.
 */
import { describeAwsError } from '../aws/index.js';

/** Errors that mean the item vanished while the scan ran (deleted between the list and this call). */
export const VANISHED: ReadonlySet<string> = new Set(['InvalidInstanceID.NotFound', 'TargetGroupNotFound', 'LoadBalancerNotFound', 'ListenerNotFound', 'AccessPointNotFound']);

/**
 * Calls `run` for each item; items whose resource vanished meanwhile are
 * left out of the result; the first other failure is thrown once all calls
 * have settled.
 */
export async function mapSettled<T, R>(items: readonly T[], run: (item: T) => Promise<R>, vanished: ReadonlySet<string> = VANISHED): Promise<Map<T, R>> {
  const results = await Promise.allSettled(items.map(run));
  const out = new Map<T, R>();
  let firstError: unknown;
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') out.set(items[index]!, result.value);
    else if (!vanished.has(describeAwsError(result.reason)?.code ?? '') && firstError === undefined) firstError = result.reason;
  });
  if (firstError !== undefined) throw firstError;
  return out;
}
