/**
 * Paging against moto over HTTP: estates whose lists need several pages come
 * back whole, and the calls (counted by the proxy in front of moto and by
 * kubelift's own counter) equal the lower bound ceil(items / page size).
 * Page sizes here are small so a few seconds of seeding gives several
 * pages; the production sizes are checked in test/aws/pagination.test.ts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  assumedRoleCredentials,
  AUTOSCALING_PAGE_SIZE,
  CallCounter,
  createAutoScalingPort,
  createEc2Port,
  createElbPort,
  createElbv2Port,
  createLimiter,
  createStsPort,
  EC2_PAGE_SIZE,
  ELB_PAGE_SIZE,
  ELBV2_PAGE_SIZE,
  type AwsTarget,
} from '../../src/aws/index.js';
import { collectAutoScaling } from '../../src/collect/autoscaling.js';
import { createServiceContext } from '../../src/collect/context.js';
import { collectEc2 } from '../../src/collect/ec2.js';
import { collectElb } from '../../src/collect/elb.js';
import { collectElbv2 } from '../../src/collect/elbv2.js';
import { memorySink } from '../../src/events/index.js';
import type { Service } from '../../src/snapshot/types.js';
import { startFaultProxy, type FaultProxy } from '../../test-support/fault-proxy.js';
import { uniqueAccountId } from '../../test-support/moto.js';
import {
  roleArnFor,
  seedAsg,
  seedClassicLoadBalancer,
  seedClients,
  seedInstances,
  seedLaunchConfiguration,
  seedLoadBalancer,
  seedTargetGroup,
  seedVpc,
  TEST_CREDENTIALS,
} from '../../test-support/seed/index.js';

const endpoint = inject('motoEndpoint');
const accountId = uniqueAccountId();
const RESERVATIONS = 23;
const PAGE = 5;
let proxy: FaultProxy;
let instanceIds: string[];
let target: (counter: CallCounter) => AwsTarget;

beforeAll(async () => {
  const c = seedClients({ endpoint, accountId });
  const vpc = await seedVpc(c, { zones: ['a', 'b'] });
  const subnetIds = vpc.subnets.map((s) => s.subnetId);
  instanceIds = await seedInstances(c, { subnetId: subnetIds[0]!, count: RESERVATIONS, separateReservations: true });
  await seedLaunchConfiguration(c, { name: 'lc' });
  const tg = await seedTargetGroup(c, { name: 'tg', vpcId: vpc.vpcId });
  const rules = Array.from({ length: 11 }, (_, i) => ({ priority: i + 1, pathPattern: `/p${i}/*`, targetGroupArn: tg }));
  for (let i = 0; i < 12; i++) await seedLoadBalancer(c, { name: `lb-${i}`, subnetIds, listener: { port: 80, targetGroupArn: tg }, rules: i === 0 ? rules : [] });
  for (let i = 0; i < 7; i++) await seedClassicLoadBalancer(c, { name: `clb-${i}`, subnetIds: [subnetIds[0]!] });
  for (let i = 0; i < 12; i++) await seedAsg(c, { name: `asg-${i}`, subnetIds, min: 0, max: 1, desired: 0, launchConfigurationName: 'lc' });
  proxy = await startFaultProxy(endpoint);
  const base = { region: 'us-east-1', endpoint: proxy.endpoint, limiter: createLimiter(4) };
  const credentials = assumedRoleCredentials(createStsPort({ ...base, credentials: async () => TEST_CREDENTIALS, counter: new CallCounter() }), roleArnFor(accountId));
  target = (counter) => ({ ...base, credentials, counter });
}, 120_000);

afterAll(() => proxy?.close());

const context = (service: Service) => createServiceContext({ accountId, region: 'us-east-1', service, includeUserData: false, reporter: memorySink() });
const ceil = (n: number, size: number) => Math.ceil(n / size);

describe('paging against moto', () => {
  it('brings back every instance of an estate spread over several pages, in exactly ceil(reservations / page) calls', async () => {
    proxy.clear();
    const counter = new CallCounter();
    const ctx = context('ec2');
    const out = await collectEc2(createEc2Port(target(counter), { ...EC2_PAGE_SIZE, DescribeInstances: PAGE }), ctx);
    const ids = out.resources['AWS::EC2::Instance']!.map((i) => String(i.InstanceId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...instanceIds].sort());
    const pages = proxy.requests.filter((r) => r.action === 'DescribeInstances');
    expect(pages).toHaveLength(ceil(RESERVATIONS, PAGE));
    for (const page of pages) expect(page.params.get('MaxResults')).toBe(String(PAGE));
    expect(counter.toRecord()['ec2:DescribeInstances']).toBe(ceil(RESERVATIONS, PAGE));
    expect(ctx.failures).toEqual([]);
  });

  it('pages ELBv2 load balancers and listener rules to the lower bound', async () => {
    proxy.clear();
    const counter = new CallCounter();
    const out = await collectElbv2(createElbv2Port(target(counter), { ...ELBV2_PAGE_SIZE, DescribeLoadBalancers: PAGE, DescribeRules: PAGE }), context('elbv2'));
    expect(out.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']).toHaveLength(12);
    // 11 rules plus the default rule on the first listener, the default rule alone on the 11 others.
    expect(out.resources['AWS::ElasticLoadBalancingV2::ListenerRule']).toHaveLength(12 + 11);
    const calls = proxy.calls();
    expect(calls['elasticloadbalancing:DescribeLoadBalancers']).toBe(ceil(12, PAGE));
    expect(calls['elasticloadbalancing:DescribeRules']).toBe(ceil(12, PAGE) + 11);
    expect(calls['elasticloadbalancing:DescribeListeners']).toBe(12);
    // 12 load balancers and 1 target group: one DescribeTags call of 13 ARNs.
    expect(calls['elasticloadbalancing:DescribeTags']).toBe(1);
    expect(counter.toRecord()).toMatchObject({ 'elbv2:DescribeLoadBalancers': ceil(12, PAGE), 'elbv2:DescribeTags': 1 });
  });

  it('pages classic load balancers to the lower bound and batches their tags by 20', async () => {
    proxy.clear();
    const out = await collectElb(createElbPort(target(new CallCounter()), { ...ELB_PAGE_SIZE, DescribeLoadBalancers: 3, DescribeTags: 4 }), context('elb'));
    expect(out.resources['AWS::ElasticLoadBalancing::LoadBalancer']).toHaveLength(7);
    expect(proxy.calls()).toMatchObject({ 'elasticloadbalancing:DescribeLoadBalancers': ceil(7, 3), 'elasticloadbalancing:DescribeTags': ceil(7, 4) });
    for (const r of proxy.requests.filter((q) => q.action === 'DescribeTags')) expect([...r.params.keys()].filter((k) => k.startsWith('LoadBalancerNames.member.')).length).toBeLessThanOrEqual(4);
  });

  it('pages Auto Scaling groups to the lower bound', async () => {
    proxy.clear();
    const out = await collectAutoScaling(createAutoScalingPort(target(new CallCounter()), { ...AUTOSCALING_PAGE_SIZE, DescribeAutoScalingGroups: PAGE }), context('autoscaling'));
    expect(out.resources['AWS::AutoScaling::AutoScalingGroup']).toHaveLength(12);
    expect(proxy.calls()).toMatchObject({ 'autoscaling:DescribeAutoScalingGroups': ceil(12, PAGE), 'autoscaling:DescribeLifecycleHooks': 12 });
    expect(proxy.calls()['autoscaling:DescribeWarmPool']).toBeUndefined();
  });
});
