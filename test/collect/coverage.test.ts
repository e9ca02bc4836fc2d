/**
 * Partial failure through the fault proxy: one action, one region or one
 * account answering AccessDenied / UnauthorizedOperation is recorded in
 * coverage and the rest of the scan completes; nothing collectable fails.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { CollectError } from '../../src/errors.js';
import { startFaultProxy, type FaultProxy } from '../../test-support/fault-proxy.js';
import { uniqueAccountId } from '../../test-support/moto.js';
import { registerTargets, seedClients, seedInstances, seedLoadBalancer, seedTargetGroup, seedVpc } from '../../test-support/seed/index.js';
import { scanAccounts } from './helpers.js';

const endpoint = inject('motoEndpoint');
const accountId = uniqueAccountId();
const other = uniqueAccountId();
let proxy: FaultProxy;

beforeAll(async () => {
  for (const [account, region] of [
    [accountId, 'us-east-1'],
    [accountId, 'eu-west-1'],
    [other, 'us-east-1'],
  ] as const) {
    const c = seedClients({ endpoint, accountId: account, region });
    const vpc = await seedVpc(c, { zones: ['a', 'b'] });
    const ids = await seedInstances(c, { subnetId: vpc.subnets[0]!.subnetId, count: 2 });
    const tg = await seedTargetGroup(c, { name: 'web', vpcId: vpc.vpcId });
    await registerTargets(c, tg, ids);
    await seedLoadBalancer(c, { name: 'web', subnetIds: vpc.subnets.map((s) => s.subnetId), listener: { port: 80, targetGroupArn: tg } });
  }
  proxy = await startFaultProxy(endpoint);
}, 120_000);
afterEach(() => proxy.setFaults([]));
afterAll(() => proxy.close());

describe('coverage', () => {
  it('records one denied action as a partial gap of its service and completes everything else', async () => {
    proxy.setFaults([{ service: 'elasticloadbalancing', action: 'DescribeTargetHealth', respond: 'access-denied' }]);
    const { snapshot, events } = await scanAccounts(proxy.endpoint, [accountId]);
    const elbv2 = snapshot.coverage.find((c) => c.service === 'elbv2')!;
    expect(elbv2).toMatchObject({
      status: 'error',
      errorCode: 'AccessDenied',
      error: expect.stringContaining('elasticloadbalancing:DescribeTargetHealth: AccessDenied'),
      missing: ['AWS::ElasticLoadBalancingV2::TargetGroup'],
    });
    expect(snapshot.coverage.filter((c) => c.status === 'ok').map((c) => c.service)).toEqual(['autoscaling', 'ec2', 'elb']);
    const tg = snapshot.resources['AWS::ElasticLoadBalancingV2::TargetGroup']![0]!;
    expect(tg).not.toHaveProperty('TargetHealthDescriptions');
    expect(tg.Attributes).toBeDefined();
    expect(snapshot.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']).toHaveLength(1);
    expect(snapshot.resources['AWS::EC2::Instance']).toHaveLength(2);
    expect(events).toContainEqual(expect.objectContaining({ code: 'collect.coverage-error', level: 'warn', service: 'elbv2' }));
  });

  it('records a service denied in one region and collects the other region whole', async () => {
    proxy.setFaults([{ service: 'ec2', region: 'eu-west-1', respond: 'access-denied' }]);
    const { snapshot } = await scanAccounts(proxy.endpoint, [accountId], { regions: ['us-east-1', 'eu-west-1'] });
    const denied = snapshot.coverage.find((c) => c.service === 'ec2' && c.region === 'eu-west-1')!;
    expect(denied).toMatchObject({ status: 'error', errorCode: 'UnauthorizedOperation' });
    expect(denied).not.toHaveProperty('missing');
    expect(snapshot.coverage.filter((c) => c.status === 'error')).toHaveLength(1);
    expect(snapshot.resources['AWS::EC2::Instance']!.map((i) => i.region)).toEqual(['us-east-1', 'us-east-1']);
    expect(snapshot.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']!.map((l) => l.region)).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('records an account whose role cannot be assumed and scans the others', async () => {
    proxy.setFaults([{ service: 'sts', action: 'AssumeRole', respond: (r) => (r.params.get('RoleArn')?.includes(other) ? { status: 403, body: '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform: sts:AssumeRole</Message></Error><RequestId>1</RequestId></ErrorResponse>' } : undefined) }]);
    const { snapshot } = await scanAccounts(proxy.endpoint, [accountId, other]);
    const failed = snapshot.coverage.filter((c) => c.accountId === other);
    expect(failed).toHaveLength(4);
    for (const record of failed) expect(record).toMatchObject({ status: 'error', errorCode: 'AccessDenied', error: expect.stringContaining('sts:AssumeRole') });
    expect(snapshot.coverage.filter((c) => c.accountId === accountId).every((c) => c.status === 'ok')).toBe(true);
    expect(snapshot.source.accounts).toEqual([accountId, other].sort());
    expect(new Set(snapshot.resources['AWS::EC2::Instance']!.map((i) => i.accountId))).toEqual(new Set([accountId]));
  });

  it('rides out transient errors with retries: coverage stays complete', async () => {
    proxy.setFaults([{ action: 'DescribeInstances', respond: 'unavailable', times: 2 }]);
    const { snapshot } = await scanAccounts(proxy.endpoint, [accountId]);
    expect(snapshot.coverage.every((c) => c.status === 'ok')).toBe(true);
    expect(snapshot.resources['AWS::EC2::Instance']).toHaveLength(2);
  });

  it('fails with exit code 1 when nothing at all could be collected', async () => {
    proxy.setFaults([
      { service: 'ec2', respond: 'access-denied' },
      { service: 'elasticloadbalancing', respond: 'access-denied' },
      { service: 'autoscaling', respond: 'access-denied' },
    ]);
    const error = await scanAccounts(proxy.endpoint, [accountId]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectError);
    expect(error).toMatchObject({ code: 'E_COLLECT_NOTHING', exitCode: 1, message: expect.stringMatching(/^nothing could be collected: 4 of 4 /) });
  });
});
