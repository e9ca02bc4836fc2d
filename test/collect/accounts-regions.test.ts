/** Two accounts through role assumption, two regions, and --all-regions with opt-in and partitions. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Snapshot } from '../../src/snapshot/types.js';
import { startFaultProxy, type FaultProxy } from '../../test-support/fault-proxy.js';
import { uniqueAccountId } from '../../test-support/moto.js';
import { seedClients, seedInstances, seedVpc } from '../../test-support/seed/index.js';
import { scanAccounts } from './helpers.js';

const endpoint = inject('motoEndpoint');
const accounts = [uniqueAccountId(), uniqueAccountId()];
const regions = ['eu-west-1', 'us-east-1'];
/** instance id → where it was launched */
const placed = new Map<string, { accountId: string; region: string }>();

beforeAll(async () => {
  for (const accountId of accounts) {
    for (const region of regions) {
      const c = seedClients({ endpoint, accountId, region });
      const vpc = await seedVpc(c, { zones: ['a'] });
      const ids = await seedInstances(c, { subnetId: vpc.subnets[0]!.subnetId, tags: { Name: `${accountId}-${region}` } });
      placed.set(ids[0]!, { accountId, region });
    }
  }
}, 120_000);

describe('accounts and regions', () => {
  let snapshot: Snapshot;
  beforeAll(async () => {
    ({ snapshot } = await scanAccounts(endpoint, accounts, { regions }));
  });

  it('scans every account through its role and every region, and keeps them apart', () => {
    expect(snapshot.source.accounts).toEqual([...accounts].sort());
    expect(snapshot.source.regions).toEqual(regions);
    const instances = snapshot.resources['AWS::EC2::Instance']!;
    expect(instances).toHaveLength(4);
    for (const instance of instances) expect({ accountId: instance.accountId, region: instance.region }).toEqual(placed.get(String(instance.InstanceId)));
    for (const instance of instances) expect(instance.OwnerId).toBe(instance.accountId);
  });

  it('records coverage for every account, region and service', () => {
    expect(snapshot.coverage).toHaveLength(accounts.length * regions.length * 4);
    for (const record of snapshot.coverage) expect(record.status).toBe('ok');
    const zonesOf = (accountId: string, region: string) => snapshot.availabilityZones.filter((z) => z.accountId === accountId && z.region === region);
    for (const accountId of accounts) for (const region of regions) expect(zonesOf(accountId, region).length).toBeGreaterThan(1);
  });
});

describe('--all-regions', () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(endpoint);
    // moto lists 38 regions, all enabled, cn-* and us-gov-* included; answer as a commercial account would, with opt-in states.
    const item = (name: string, optIn: string) => `<item><regionName>${name}</regionName><regionEndpoint>ec2.${name}.amazonaws.com</regionEndpoint><optInStatus>${optIn}</optInStatus></item>`;
    const body = `<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><regionInfo>${[
      item('us-east-1', 'opt-in-not-required'),
      item('eu-west-1', 'opted-in'),
      item('af-south-1', 'not-opted-in'),
      item('cn-north-1', 'opt-in-not-required'),
      item('us-gov-west-1', 'opt-in-not-required'),
    ].join('')}</regionInfo></DescribeRegionsResponse>`;
    proxy.setFaults([{ action: 'DescribeRegions', respond: () => ({ status: 200, body }) }]);
  });
  afterAll(() => proxy.close());

  it('walks the enabled regions of the caller’s partition only, per account', async () => {
    const { snapshot, calls } = await scanAccounts(proxy.endpoint, accounts, { regions: [], allRegions: true, env: { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' } });
    expect(snapshot.source.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(new Set(snapshot.coverage.map((c) => c.region))).toEqual(new Set(['eu-west-1', 'us-east-1']));
    expect(snapshot.resources['AWS::EC2::Instance']).toHaveLength(4);
    expect(calls['ec2:DescribeRegions']).toBe(accounts.length);
    const scannedRegions = new Set(proxy.requests.filter((r) => r.action === 'DescribeInstances').map((r) => r.region));
    expect(scannedRegions).toEqual(new Set(['eu-west-1', 'us-east-1']));
  });
});
