/**
 * SDK clients for building estates in moto. Each set of clients writes into
 * one account (the x-moto-account-id header) and one region, so tests can
 * share a server without resetting it.
 */
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

export interface SeedClients {
  accountId: string;
  region: string;
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
  elb: ElasticLoadBalancingClient;
  autoscaling: AutoScalingClient;
}

/** Dummy credentials: moto accepts any. */
export const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

interface WithStack {
  middlewareStack: { add(middleware: unknown, options: { step: 'build'; name: string }): void };
}

function inAccount<C>(client: C, accountId: string): C {
  (client as unknown as WithStack).middlewareStack.add(
    (next: (args: { request: { headers: Record<string, string> } }) => Promise<unknown>) => async (args: { request: { headers: Record<string, string> } }) => {
      args.request.headers['x-moto-account-id'] = accountId;
      return next(args);
    },
    { step: 'build', name: 'motoAccount' },
  );
  return client;
}

/** Clients that create resources in `accountId` and `region` of the moto server at `endpoint`. */
export function seedClients(options: { endpoint: string; accountId: string; region?: string }): SeedClients {
  const region = options.region ?? 'us-east-1';
  const config = { endpoint: options.endpoint, region, credentials: TEST_CREDENTIALS, maxAttempts: 3 };
  return {
    accountId: options.accountId,
    region,
    ec2: inAccount(new EC2Client(config), options.accountId),
    elbv2: inAccount(new ElasticLoadBalancingV2Client(config), options.accountId),
    elb: inAccount(new ElasticLoadBalancingClient(config), options.accountId),
    autoscaling: inAccount(new AutoScalingClient(config), options.accountId),
  };
}

/** The role a scan assumes to read `accountId` in moto (the role need not exist there). */
export const roleArnFor = (accountId: string): string => `arn:aws:iam::${accountId}:role/kubelift-scan`;
