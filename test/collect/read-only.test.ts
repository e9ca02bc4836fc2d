/**
 * The scan calls nothing outside the read-only list of docs/iam-policy.json:
 * every request that reaches the endpoint (counted by the proxy, retries
 * included) is checked, with every option that adds calls switched on.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { iamActionOfCall } from '../../src/aws/clients.js';
import { startFaultProxy, type FaultProxy } from '../../test-support/fault-proxy.js';
import { uniqueAccountId } from '../../test-support/moto.js';
import { seedClients, seedSmallEstate } from '../../test-support/seed/index.js';
import { scanAccounts } from './helpers.js';

const endpoint = inject('motoEndpoint');
const accountId = uniqueAccountId();
const policy = JSON.parse(readFileSync(new URL('../../docs/iam-policy.json', import.meta.url), 'utf8')) as { Statement: { Action: string[] }[] };
const allowed = new Set(policy.Statement.flatMap((s) => s.Action));
let proxy: FaultProxy;

beforeAll(async () => {
  await seedSmallEstate(seedClients({ endpoint, accountId }), { userData: '#!/bin/sh\necho hi\n' });
  proxy = await startFaultProxy(endpoint);
  const body = `<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><regionInfo><item><regionName>us-east-1</regionName><optInStatus>opt-in-not-required</optInStatus></item></regionInfo></DescribeRegionsResponse>`;
  proxy.setFaults([{ action: 'DescribeRegions', respond: () => ({ status: 200, body }) }]);
}, 120_000);
afterAll(() => proxy.close());

describe('read-only', () => {
  it('makes only calls the IAM policy allows (plus sts:AssumeRole, which the caller needs for --role-arn)', async () => {
    const { calls } = await scanAccounts(proxy.endpoint, [accountId], { regions: [], allRegions: true, includeUserData: true, env: { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' } });
    const seen = [...new Set(proxy.requests.map((r) => `${r.service}:${r.action}`))].sort();
    expect(seen.length).toBeGreaterThan(25);
    const outside = seen.filter((action) => !allowed.has(action) && action !== 'sts:AssumeRole');
    expect(outside).toEqual([]);
    for (const action of seen) expect(action).toMatch(/^[a-z0-9]+:(Describe|List|Get|AssumeRole$)/);
    // kubelift's own count agrees with what reached the endpoint, action by action.
    const counted: Record<string, number> = {};
    for (const [call, n] of Object.entries(calls)) counted[iamActionOfCall(call)] = (counted[iamActionOfCall(call)] ?? 0) + n;
    expect(counted).toEqual(proxy.calls());
  });
});
