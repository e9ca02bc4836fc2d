/**
 * How every SDK client of a scan is built: one region, one set of
 * credentials, the endpoint override, adaptive retries, request timeouts,
 * the scan-wide request limit, and a call counter.
 */
import type { CallCounter } from './call-counter.js';
import type { CredentialProvider } from './credentials.js';
import type { Limiter } from './limiter.js';

/** Where and as whom clients talk to AWS. */
export interface AwsTarget {
  region: string;
  credentials: CredentialProvider;
  /** `--endpoint-url`: every client goes there (moto, LocalStack, a VPC endpoint). */
  endpoint?: string;
  limiter: Limiter;
  counter: CallCounter;
  /** Attempts per call including the first (default 6; the identity check uses 2). */
  maxAttempts?: number;
  /** Milliseconds to establish a connection (default 5 s). */
  connectionTimeoutMs?: number;
  /** Milliseconds a request may take before it fails (default 120 s). */
  requestTimeoutMs?: number;
}

/** The label calls are counted under: the port, not the IAM prefix (ELB and ELBv2 share one). */
export type PortName = 'ec2' | 'elbv2' | 'elb' | 'autoscaling' | 'sts';

/** The IAM action prefix of each port. */
export const IAM_PREFIX: Record<PortName, string> = {
  ec2: 'ec2',
  elbv2: 'elasticloadbalancing',
  elb: 'elasticloadbalancing',
  autoscaling: 'autoscaling',
  sts: 'sts',
};

/** The IAM action of a counted call (`elbv2:DescribeTags` → `elasticloadbalancing:DescribeTags`). */
export function iamActionOfCall(call: string): string {
  const [port, action] = call.split(':') as [PortName, string];
  return `${IAM_PREFIX[port] ?? port}:${action}`;
}

/** Client configuration shared by every service. */
export function clientConfig(target: AwsTarget) {
  return {
    region: target.region,
    credentials: target.credentials,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    // Adaptive mode slows the client down when AWS throttles, instead of failing the scan.
    retryMode: 'adaptive' as const,
    maxAttempts: target.maxAttempts ?? 6,
    requestHandler: {
      connectionTimeout: target.connectionTimeoutMs ?? 5_000,
      requestTimeout: target.requestTimeoutMs ?? 120_000,
      throwOnRequestTimeout: true,
    },
  };
}

interface Stack {
  middlewareStack: { add(middleware: unknown, options: { step: 'initialize' | 'deserialize'; name: string; priority?: 'high' | 'low' }): void };
}

/**
 * Adds call counting and the scan's request limit to a client. A call is
 * counted once at the start of the stack, however often it is retried. The
 * limit wraps each HTTP attempt only, after signing: a call waiting for
 * credentials (an assumed role being refreshed) or for a retry backoff holds
 * no slot, so those waits can never use up every slot and stall the scan.
 */
export function instrument<C>(client: C, port: PortName, target: AwsTarget): C {
  const stack = (client as unknown as Stack).middlewareStack;
  stack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      target.counter.add(`${port}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`);
      return next(args);
    },
    { step: 'initialize', name: 'kubeliftCountCalls', priority: 'high' },
  );
  stack.add((next: (args: unknown) => Promise<unknown>) => (args: unknown) => target.limiter.run(() => next(args)), {
    step: 'deserialize',
    name: 'kubeliftLimitRequests',
    priority: 'low',
  });
  return client;
}

/** Collects every item of a paginator. */
export async function collectPages<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
