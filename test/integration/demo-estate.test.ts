/**
 * The bundled demo estate: the committed fixtures/demo/snapshot.json is a
 * valid snapshot, it is exactly what scripts/build-demo.ts produces (rebuilt
 * here on a private moto server, since the build resets its server), and it
 * holds the estate fixtures/demo/README.md describes.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/paths.js';
import { readSnapshot } from '../../src/snapshot/read-write.js';
import { resourceName, type AwsResource, type Snapshot } from '../../src/snapshot/types.js';
import { DEMO_GENERATED_AT, DEMO_RESOURCE_TIME, renderDemoSnapshot } from '../../scripts/build-demo.js';

const committed = readFileSync(paths.demoSnapshot, 'utf8');

type Tagged = AwsResource & { Tags?: { Key: string; Value: string }[] };
const byName = (snapshot: Snapshot, type: keyof Snapshot['resources'], name: string): Tagged => {
  const found = (snapshot.resources[type] ?? []).filter((r) => resourceName(type, r) === name);
  expect(found, `${type} ${name}`).toHaveLength(1);
  return found[0]! as Tagged;
};
const zoneOf = (instance: AwsResource): string => (instance.Placement as { AvailabilityZone: string }).AvailabilityZone;

describe('the demo estate', () => {
  let demo: Snapshot;
  beforeAll(async () => {
    demo = await readSnapshot(paths.demoSnapshot);
  });

  it('is a valid snapshot of a clean scan, with fixed times', () => {
    expect(demo.source).toEqual({ kind: 'scan', accounts: ['123456789012'], regions: ['us-east-1'], includesUserData: false });
    expect(demo.generatedAt).toBe(DEMO_GENERATED_AT);
    expect(demo.coverage).toHaveLength(4);
    expect(demo.coverage.every((c) => c.status === 'ok')).toBe(true);
    const times = [...committed.matchAll(/"\d{4}-\d{2}-\d{2}T[^"]*"/g)].map((m) => m[0]);
    expect(new Set(times)).toEqual(new Set([`"${DEMO_GENERATED_AT}"`, `"${DEMO_RESOURCE_TIME}"`]));
    expect(committed).not.toContain('"UserData"');
  });

  it('is byte for byte what scripts/build-demo.ts builds (run npm run demo:build after changing the scan or the estate)', async () => {
    const rebuilt = await renderDemoSnapshot(demo.tool.version);
    expect(rebuilt === committed, 'fixtures/demo/snapshot.json is stale: run npm run demo:build').toBe(true);
  }, 300_000);

  it('holds Redash on one box with an Elastic IP and its ports open', () => {
    const redash = byName(demo, 'AWS::EC2::Instance', 'redash');
    const eip = (demo.resources['AWS::EC2::EIP'] ?? []).find((a) => a.InstanceId === redash.InstanceId);
    expect(eip).toBeDefined();
    const group = byName(demo, 'AWS::EC2::SecurityGroup', 'redash');
    const ports = (group.IpPermissions as { FromPort: number }[]).map((p) => p.FromPort).sort((a, b) => a - b);
    expect(ports).toEqual(expect.arrayContaining([80, 443, 5000]));
    expect((demo.resources['AWS::AutoScaling::AutoScalingGroup'] ?? []).some((g) => (g.Instances as { InstanceId: string }[]).some((i) => i.InstanceId === redash.InstanceId))).toBe(false);
  });

  it('holds the storefront group across three zones behind an internet-facing ALB with an HTTP health check', () => {
    const group = byName(demo, 'AWS::AutoScaling::AutoScalingGroup', 'storefront-web');
    expect([group.MinSize, group.DesiredCapacity, group.MaxSize, group.HealthCheckType]).toEqual([2, 3, 6, 'ELB']);
    expect(new Set((group.Instances as { AvailabilityZone: string }[]).map((i) => i.AvailabilityZone))).toEqual(new Set(['us-east-1a', 'us-east-1b', 'us-east-1c']));
    const tg = byName(demo, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'storefront-web');
    expect(group.TargetGroupARNs).toEqual([tg.TargetGroupArn]);
    expect([tg.HealthCheckProtocol, tg.HealthCheckPath]).toEqual(['HTTP', '/healthz']);
    expect(tg.Attributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '30' });
    expect((tg.TargetHealthDescriptions as unknown[]).length).toBe(3);
    const alb = byName(demo, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'storefront');
    expect([alb.Type, alb.Scheme]).toEqual(['application', 'internet-facing']);
    const policy = (demo.resources['AWS::AutoScaling::ScalingPolicy'] ?? []).find((p) => p.AutoScalingGroupName === 'storefront-web')!;
    expect(policy.PolicyType).toBe('TargetTrackingScaling');
  });

  it('holds a group of one in one zone behind an internal ALB, and an NLB for TCP', () => {
    const group = byName(demo, 'AWS::AutoScaling::AutoScalingGroup', 'orders-api');
    expect([group.MinSize, group.DesiredCapacity, group.MaxSize]).toEqual([1, 1, 1]);
    expect(group.AvailabilityZones).toEqual(['us-east-1a']);
    expect(byName(demo, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'internal-tools').Scheme).toBe('internal');
    expect(byName(demo, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'orders-grpc').Type).toBe('network');
    expect(byName(demo, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'orders-grpc').Protocol).toBe('TCP');
  });

  it('holds a classic ELB with two instances in one zone and cross-zone off', () => {
    const elb = byName(demo, 'AWS::ElasticLoadBalancing::LoadBalancer', 'billing-legacy');
    const states = elb.InstanceStates as { InstanceId: string; State: string }[];
    expect(states.map((s) => s.State)).toEqual(['InService', 'InService']);
    const instances = states.map((s) => (demo.resources['AWS::EC2::Instance'] ?? []).find((i) => i.InstanceId === s.InstanceId)!);
    expect(new Set(instances.map(zoneOf))).toEqual(new Set(['us-east-1a']));
    expect((elb.Attributes as { CrossZoneLoadBalancing: { Enabled: boolean } }).CrossZoneLoadBalancing.Enabled).toBe(false);
  });

  it('holds PostgreSQL with a gp2 data volume and Jenkins behind /login', () => {
    const postgres = byName(demo, 'AWS::EC2::Instance', 'postgres-primary');
    const data = (demo.resources['AWS::EC2::Volume'] ?? []).find((v) => (v.Attachments as { InstanceId: string; Device: string }[]).some((a) => a.InstanceId === postgres.InstanceId && a.Device === '/dev/sdf'))!;
    expect([data.VolumeType, data.Size]).toEqual(['gp2', 200]);
    const group = byName(demo, 'AWS::EC2::SecurityGroup', 'postgres');
    expect((group.IpPermissions as { FromPort: number }[]).every((p) => p.FromPort === 5432)).toBe(true);
    const jenkins = byName(demo, 'AWS::EC2::Instance', 'jenkins-controller');
    const tg = byName(demo, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'jenkins');
    expect(tg.HealthCheckPath).toBe('/login');
    expect((tg.TargetHealthDescriptions as { Target: { Id: string; Port: number } }[]).map((t) => t.Target)).toEqual([{ Id: jenkins.InstanceId, Port: 8080 }]);
  });
});
