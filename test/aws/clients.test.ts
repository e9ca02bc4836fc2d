/** Client instrumentation against moto through the proxy: counting, the request limit, retries. */
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CallCounter } from '../../src/aws/call-counter.js';
import { clientConfig, iamActionOfCall, instrument, type AwsTarget } from '../../src/aws/clients.js';
import { assumedRoleCredentials } from '../../src/aws/credentials.js';
import { createLimiter } from '../../src/aws/limiter.js';
import { createStsPort } from '../../src/aws/sts.js';
import { startFaultProxy, type FaultProxy } from '../../test-support/fault-proxy.js';
import { uniqueAccountId } from '../../test-support/moto.js';
import { roleArnFor, TEST_CREDENTIALS } from '../../test-support/seed/index.js';

const endpoint = inject('motoEndpoint');
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(endpoint);
});
afterAll(() => proxy.close());

const ec2 = (target: AwsTarget) => instrument(new EC2Client(clientConfig(target)), 'ec2', target);

describe('instrumented clients', () => {
  it('never has more requests in flight than the limit', async () => {
    proxy.clear();
    const target: AwsTarget = { region: 'us-east-1', credentials: async () => TEST_CREDENTIALS, endpoint: proxy.endpoint, limiter: createLimiter(2), counter: new CallCounter() };
    const client = ec2(target);
    await Promise.all(Array.from({ length: 10 }, () => client.send(new DescribeVpcsCommand({}))));
    expect(proxy.requests).toHaveLength(10);
    expect(proxy.peakInFlight()).toBeLessThanOrEqual(2);
    expect(proxy.peakInFlight()).toBeGreaterThanOrEqual(1);
  });

  it('does not stall when every slot waits for assumed-role credentials that need a slot themselves', async () => {
    const limiter = createLimiter(1);
    const base = { region: 'us-east-1', endpoint: proxy.endpoint, limiter, counter: new CallCounter() };
    const credentials = assumedRoleCredentials(createStsPort({ ...base, credentials: async () => TEST_CREDENTIALS }), roleArnFor(uniqueAccountId()));
    const client = ec2({ ...base, credentials });
    const results = await Promise.all(Array.from({ length: 4 }, () => client.send(new DescribeVpcsCommand({}))));
    expect(results).toHaveLength(4);
  });

  it('counts a retried call once, as its IAM action maps', async () => {
    proxy.clear();
    proxy.setFaults([{ action: 'DescribeVpcs', respond: 'unavailable', times: 2 }]);
    const counter = new CallCounter();
    const client = ec2({ region: 'us-east-1', credentials: async () => TEST_CREDENTIALS, endpoint: proxy.endpoint, limiter: createLimiter(4), counter });
    await client.send(new DescribeVpcsCommand({}));
    proxy.setFaults([]);
    expect(counter.toRecord()).toEqual({ 'ec2:DescribeVpcs': 1 });
    expect(proxy.requests.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(iamActionOfCall('elbv2:DescribeTags')).toBe('elasticloadbalancing:DescribeTags');
    expect(iamActionOfCall('elb:DescribeInstanceHealth')).toBe('elasticloadbalancing:DescribeInstanceHealth');
  });

  it('sends every call to the endpoint override, with adaptive retries configured', () => {
    const config = clientConfig({ region: 'eu-west-1', credentials: async () => TEST_CREDENTIALS, endpoint: 'http://127.0.0.1:1', limiter: createLimiter(1), counter: new CallCounter() });
    expect(config).toMatchObject({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:1', retryMode: 'adaptive', maxAttempts: 6 });
  });
});
