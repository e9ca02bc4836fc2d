import { describe, expect, it } from 'vitest';
import { FACT_SERVICES, FACTS } from '../../src/model/facts.js';
import { parseHealthCheckTarget } from '../../src/model/facts/classic-load-balancer.js';
import { matcherAcceptsClientErrors } from '../../src/model/facts/target-group.js';
import { resolve } from '../../src/model/resolve.js';
import type { Facts, Model } from '../../src/model/types.js';
import { RESOURCE_TYPES, SERVICES, resourceId, type ResourceType, type Snapshot } from '../../src/snapshot/types.js';
import { estate, type EstateBuilder } from '../helpers/estate-builder.js';

const [a, b, c] = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** An estate holding every resource type kubelift knows. */
function richEstate(): Snapshot {
  const snapshot = estate()
    .instance('redash', { eip: true, ports: [5000], dataVolumes: [10], targetGroups: ['ip'] })
    .instance('legacy-1', { classicLoadBalancers: ['legacy'] })
    .instance('stopped', { state: 'stopped' })
    .asg('web', { zones: [a, b, c], desired: 3, targetGroups: ['web'], classicLoadBalancers: ['legacy'], policies: ['cpu'], lifecycleHooks: ['drain'] })
    .asg('old', { launch: 'configuration' })
    .targetGroup('web')
    .targetGroup('ip', { targetType: 'ip' })
    .alb('front', { targetGroups: ['web', 'ip'] })
    .nlb('tcp')
    .clb('legacy')
    .build();
  snapshot.resources['AWS::AutoScaling::ScheduledAction'] = [{ accountId: '123456789012', region: 'us-east-1', AutoScalingGroupName: 'web', ScheduledActionName: 'morning', ScheduledActionARN: 'arn:aws:autoscaling:us-east-1:123456789012:scheduledUpdateGroupAction:1' }];
  snapshot.resources['AWS::AutoScaling::WarmPool'] = [{ accountId: '123456789012', region: 'us-east-1', AutoScalingGroupName: 'web', MinSize: 0 }];
  return snapshot;
}

const factsOf = (model: Model, type: ResourceType, id: string): Facts => model.facts({ type, id, accountId: '123456789012', region: 'us-east-1' });
const byName = (snapshot: Snapshot, type: ResourceType, name: string): string => {
  const r = snapshot.resources[type]!.find((x) => [x.TargetGroupName, x.LoadBalancerName, x.AutoScalingGroupName].includes(name) || (x.Tags as { Key: string; Value: string }[] | undefined)?.some((t) => t.Key === 'Name' && t.Value === name));
  if (!r) throw new Error(`no ${type} ${name}`);
  return resourceId(type, r);
};
const model = (input: EstateBuilder): { model: Model; snapshot: Snapshot } => {
  const snapshot = input.build();
  return { model: resolve(snapshot), snapshot };
};

function isJsonLike(value: unknown): boolean {
  if (value === null) return false;
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonLike);
  if (typeof value === 'object') return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isJsonLike);
  return false;
}

describe('fact declarations', () => {
  it('declare every fact that is derived, and derive every fact that is declared, for every type and for workloads', () => {
    const snapshot = richEstate();
    const m = resolve(snapshot);
    for (const type of RESOURCE_TYPES) {
      const resources = snapshot.resources[type] ?? [];
      expect(resources.length, `the rich estate should hold ${type}`).toBeGreaterThan(0);
      for (const r of resources) expect(Object.keys(m.facts({ type, id: resourceId(type, r), accountId: r.accountId, region: r.region })).sort(), type).toEqual(Object.keys(FACTS[type]).sort());
    }
    for (const w of m.workloads) expect(Object.keys(m.workloadFacts(w.id)).sort()).toEqual(Object.keys(FACTS.workload).sort());
  });

  it('are plain JSON values that CEL can evaluate (no undefined, null, NaN, Map or class instance)', () => {
    const snapshot = richEstate();
    const m = resolve(snapshot);
    for (const type of RESOURCE_TYPES) {
      for (const r of snapshot.resources[type] ?? []) {
        const facts = m.facts({ type, id: resourceId(type, r), accountId: r.accountId, region: r.region });
        for (const [name, value] of Object.entries(facts)) expect(isJsonLike(value), `${type} facts.${name} = ${String(value)}`).toBe(true);
      }
    }
    for (const w of m.workloads) for (const [name, value] of Object.entries(m.workloadFacts(w.id))) expect(isJsonLike(value), `workload.${name}`).toBe(true);
  });

  it('have a one-line description and name only known services', () => {
    for (const [type, table] of Object.entries(FACTS)) {
      for (const [name, description] of Object.entries(table)) {
        expect(description, `${type} ${name}`).toMatch(/^\S[^\n]*\S$/);
        expect(FACT_SERVICES[type as ResourceType][name]!.every((s) => (SERVICES as readonly string[]).includes(s))).toBe(true);
      }
    }
  });

  it('say that “behind a load balancer” depends on both load balancing services, so a gap in either makes it unknown', () => {
    expect(FACT_SERVICES['AWS::EC2::Instance'].behindLoadBalancer).toEqual(expect.arrayContaining(['elb', 'elbv2', 'autoscaling']));
    expect(FACT_SERVICES.workload.behindLoadBalancer).toEqual(expect.arrayContaining(['elb', 'elbv2']));
  });
});

describe('instance facts', () => {
  it('count an instance as behind a load balancer through classic names OR target groups, directly or through its group', () => {
    const { model: m, snapshot } = model(
      estate()
        .asg('classic-only', { classicLoadBalancers: ['legacy'] })
        .asg('tg-only', { targetGroups: ['web'] })
        .asg('unused-tg', { targetGroups: ['spare'] })
        .instance('direct', { targetGroups: ['web'] })
        .targetGroup('web')
        .targetGroup('spare')
        .clb('legacy')
        .alb('front', { targetGroups: ['web'] }),
    );
    const behind = (name: string): unknown => factsOf(m, 'AWS::EC2::Instance', byName(snapshot, 'AWS::EC2::Instance', name)).behindLoadBalancer;
    expect(behind('classic-only-1')).toBe(true);
    expect(behind('tg-only-1')).toBe(true);
    expect(behind('direct')).toBe(true);
    // A target group no load balancer routes to sends no traffic.
    expect(behind('unused-tg-1')).toBe(false);
  });

  it('separate data volumes from the root volume and say which outlive the instance', () => {
    const { model: m, snapshot } = model(estate().instance('db', { dataVolumes: [100, { sizeGiB: 20, deleteOnTermination: true }] }));
    const facts = factsOf(m, 'AWS::EC2::Instance', byName(snapshot, 'AWS::EC2::Instance', 'db'));
    expect(facts.dataVolumes).toHaveLength(2);
    expect(facts.persistentDataVolumes).toHaveLength(1);
    expect(facts.dataVolumeGiB).toBe(120);
  });

  it('find instance store from the instance type table', () => {
    const { model: m, snapshot } = model(estate().instance('scratch', { type: 'm5d.large' }).instance('plain', { type: 'm5.large' }));
    expect(factsOf(m, 'AWS::EC2::Instance', byName(snapshot, 'AWS::EC2::Instance', 'scratch')).instanceStore).toBe(true);
    expect(factsOf(m, 'AWS::EC2::Instance', byName(snapshot, 'AWS::EC2::Instance', 'plain')).instanceStore).toBe(false);
  });

  it('measure age against the snapshot time, never the clock', () => {
    const at = (generatedAt: string): unknown => {
      const snapshot = estate({ generatedAt }).instance('box').build();
      const instance = snapshot.resources['AWS::EC2::Instance']![0]!;
      instance.LaunchTime = '2020-01-01T00:00:00.000Z';
      return resolve(snapshot).facts({ type: 'AWS::EC2::Instance', id: String(instance.InstanceId), accountId: instance.accountId, region: instance.region }).ageDays;
    };
    expect(at('2020-01-11T00:00:00.000Z')).toBe(10);
    expect(at('2021-01-01T00:00:00.000Z')).toBe(366);
  });

  it('recognise database-like servers by port and by name, with evidence', () => {
    const { model: m, snapshot } = model(estate().instance('orders-db', { ports: [3306] }).instance('web', { ports: [80, 443] }).instance('wide-open', { ports: [] }));
    const db = factsOf(m, 'AWS::EC2::Instance', byName(snapshot, 'AWS::EC2::Instance', 'orders-db'));
    expect(db.databaseLike).toBe(true);
    expect(db.databaseEvidence).toEqual([expect.stringMatching(/opens port 3306 \(MySQL\/MariaDB\)$/), 'tag Name=orders-db mentions db']);
    expect(factsOf(m, 'AWS::EC2::Instance', byName(snapshot, 'AWS::EC2::Instance', 'web')).databaseLike).toBe(false);
  });
});

describe('Auto Scaling group facts', () => {
  it('tell the zones configured from the zones where InService instances run', () => {
    const { model: m } = model(estate().asg('web', { zones: [a, b, c], instances: [{ zone: a }, { zone: a }, { zone: b, lifecycle: 'Pending' }] }));
    const facts = factsOf(m, 'AWS::AutoScaling::AutoScalingGroup', 'web');
    expect(facts).toMatchObject({ zones: [a, b, c], inServiceZones: [a], inServiceCount: 2, inServicePerZone: { [a]: 2, [b]: 0, [c]: 0 }, inServiceSkew: 2, capacityAfterZoneLoss: 0 });
    expect(facts.zoneIds).toHaveLength(3);
  });

  it('treat HealthCheckType as a set and “attached” as target groups OR classic names OR traffic sources', () => {
    const { model: m, snapshot } = model(estate().asg('both', { healthCheckType: 'EC2,ELB', targetGroups: ['web'] }).asg('sources').targetGroup('web'));
    expect(factsOf(m, 'AWS::AutoScaling::AutoScalingGroup', 'both')).toMatchObject({ healthCheckTypes: ['EC2', 'ELB'], elbHealthCheck: true, attachedToLoadBalancer: true });
    expect(factsOf(m, 'AWS::AutoScaling::AutoScalingGroup', 'sources').attachedToLoadBalancer).toBe(false);
    snapshot.resources['AWS::AutoScaling::AutoScalingGroup']!.find((g) => g.AutoScalingGroupName === 'sources')!.TrafficSources = [{ Identifier: 'arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-1', Type: 'vpc-lattice' }];
    expect(factsOf(resolve(snapshot), 'AWS::AutoScaling::AutoScalingGroup', 'sources').attachedToLoadBalancer).toBe(true);
  });
});

describe('target group and load balancer facts', () => {
  it('resolve cross-zone: always on for ALBs unless the target group turns it off; off by default for NLBs unless turned on', () => {
    const { model: m, snapshot } = model(
      estate()
        .targetGroup('alb-default')
        .targetGroup('alb-off', { attributes: { 'load_balancing.cross_zone.enabled': 'false' } })
        .targetGroup('nlb-default', { protocol: 'TCP' })
        .targetGroup('nlb-on', { protocol: 'TCP', attributes: { 'load_balancing.cross_zone.enabled': 'true' } })
        .alb('front', { targetGroups: ['alb-default', 'alb-off'] })
        .nlb('tcp', { targetGroups: ['nlb-default', 'nlb-on'] }),
    );
    const crossZone = (name: string): unknown => factsOf(m, 'AWS::ElasticLoadBalancingV2::TargetGroup', byName(snapshot, 'AWS::ElasticLoadBalancingV2::TargetGroup', name)).crossZoneEnabled;
    expect([crossZone('alb-default'), crossZone('alb-off'), crossZone('nlb-default'), crossZone('nlb-on')]).toEqual([true, false, false, true]);
    expect(factsOf(m, 'AWS::ElasticLoadBalancingV2::LoadBalancer', byName(snapshot, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'tcp')).crossZoneEnabled).toBe(false);
  });

  it('count healthy targets per zone, and only zones the load balancer is enabled in serve', () => {
    const { model: m, snapshot } = model(
      estate()
        .asg('web', { zones: [a, b, c], instances: [{ zone: a }, { zone: b }, { zone: c }, { zone: a, targetHealth: 'unhealthy' }], targetGroups: ['web'] })
        .targetGroup('web')
        .alb('front', { zones: [a, b], targetGroups: ['web'] }),
    );
    const tg = factsOf(m, 'AWS::ElasticLoadBalancingV2::TargetGroup', byName(snapshot, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'web'));
    expect(tg).toMatchObject({ registeredTargets: 4, healthyTargets: 3, unhealthyTargets: 1, healthyZones: [a, b, c], servingZones: [a, b], zonesWithoutHealthyTargets: [] });
    const lb = factsOf(m, 'AWS::ElasticLoadBalancingV2::LoadBalancer', byName(snapshot, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'front'));
    expect(lb).toMatchObject({ healthyZones: [a, b], healthyTargetsPerZone: { [a]: 1, [b]: 1 }, healthyTargetsOutsideZones: 1 });
  });

  it('read the health check matcher and the classic health check target', () => {
    expect(['200', '200,202', '200-299', '200-399'].map(matcherAcceptsClientErrors)).toEqual([false, false, false, false]);
    expect(['200-499', '404', '200,401', '300-450'].map(matcherAcceptsClientErrors)).toEqual([true, true, true, true]);
    expect(parseHealthCheckTarget('HTTP:8080/status')).toEqual({ protocol: 'HTTP', port: 8080, path: '/status' });
    expect(parseHealthCheckTarget('tcp:22')).toEqual({ protocol: 'TCP', port: 22, path: '' });
    expect(parseHealthCheckTarget('nonsense')).toEqual({ protocol: '', port: undefined, path: '' });
  });

  it('take a classic load balancer’s zones from its subnets when AvailabilityZones is empty, and say when health was not collected', () => {
    const { snapshot } = model(estate().instance('legacy-1', { classicLoadBalancers: ['legacy'] }).clb('legacy', { zones: [a, b], healthCollected: false }));
    snapshot.resources['AWS::ElasticLoadBalancing::LoadBalancer']![0]!.AvailabilityZones = [];
    const facts = factsOf(resolve(snapshot), 'AWS::ElasticLoadBalancing::LoadBalancer', 'legacy');
    expect(facts).toMatchObject({ zones: [a, b], healthKnown: false, healthyInstances: 1, healthyZones: [a], zonesWithoutHealthyInstances: [b] });
  });
});

describe('coverage facts', () => {
  it('report each service’s status where the resource lives', () => {
    const { model: m, snapshot } = model(estate().instance('box').coverage('elbv2', 'error'));
    expect(factsOf(m, 'AWS::EC2::Instance', byName(snapshot, 'AWS::EC2::Instance', 'box')).coverage).toEqual({ autoscaling: 'ok', ec2: 'ok', elb: 'ok', elbv2: 'error' });
    const bare = resolve({ ...snapshot, coverage: [] });
    expect(factsOf(bare, 'AWS::EC2::Instance', byName(snapshot, 'AWS::EC2::Instance', 'box')).coverage).toEqual({ autoscaling: 'not-collected', ec2: 'not-collected', elb: 'not-collected', elbv2: 'not-collected' });
  });
});

describe('workload facts', () => {
  it('count replicas, zones and skew from running members only', () => {
    const { model: m } = model(estate().asg('web', { zones: [a, b], instances: [{ zone: a }, { zone: a }, { zone: a }, { zone: b }, { zone: b, state: 'stopped', lifecycle: 'Standby' }] }));
    expect(m.workloadFacts('web')).toMatchObject({ instanceCount: 5, replicas: 4, stoppedInstances: 1, zones: [a, b], replicasPerZone: { [a]: 3, [b]: 1 }, zoneSkew: 2, zoneSkewPercent: 67, replicasAfterZoneLoss: 1, desiredCapacity: 5 });
  });

  it('call a group stateful only for volumes that outlive their instance, and a standalone box for any data volume', () => {
    const { model: m } = model(
      estate()
        .asg('web')
        .patch('web-1', (r) => {
          (r.BlockDeviceMappings as unknown[]).push({ DeviceName: '/dev/sdf', Ebs: { VolumeId: 'vol-scratch', DeleteOnTermination: true } });
        })
        .instance('cache-1', { dataVolumes: [{ sizeGiB: 20, deleteOnTermination: true }] }),
    );
    expect(m.workloadFacts('web')).toMatchObject({ stateful: false, dataVolumes: ['vol-scratch'], persistentDataVolumes: [] });
    expect(m.workloadFacts('cache')).toMatchObject({ stateful: true, statefulEvidence: [expect.stringMatching(/keeps data volume vol-/)] });
    expect(m.workloads.find((w) => w.id === 'cache')?.stateful).toBe(true);
  });
});
