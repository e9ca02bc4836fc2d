import { describe, expect, it } from 'vitest';
import { buildGraph, type Graph } from '../../src/model/graph.js';
import { RELATIONSHIPS } from '../../src/model/relationships.js';
import type { Relation } from '../../src/model/relationships.js';
import { refKey } from '../../src/model/types.js';
import type { ResourceType, Snapshot } from '../../src/snapshot/types.js';
import { estate } from '../helpers/estate-builder.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const key = (type: ResourceType, id: string): string => refKey({ type, id, accountId: ACCOUNT, region: REGION });
const idOf = (snapshot: Snapshot, type: ResourceType, field: string, name: string): string => {
  const found = snapshot.resources[type]?.find((r) => r[field] === name || (r.Tags as { Key: string; Value: string }[] | undefined)?.some((t) => t.Key === 'Name' && t.Value === name));
  if (!found) throw new Error(`no ${type} named ${name}`);
  return String(found[{ 'AWS::EC2::Instance': 'InstanceId', 'AWS::ElasticLoadBalancingV2::TargetGroup': 'TargetGroupArn', 'AWS::ElasticLoadBalancingV2::LoadBalancer': 'LoadBalancerArn' }[type as string] ?? field]);
};
const names = (graph: Graph, from: string, relation: Relation, type?: ResourceType, direction: 'out' | 'in' = 'out'): string[] =>
  (direction === 'out' ? graph.out(from, relation, type) : graph.in(from, relation, type)).map((n) => n.ref.name);

describe('buildGraph', () => {
  it('links instances to their group by the group’s list and by the aws:autoscaling:groupName tag alone', () => {
    const snapshot = estate().asg('web').instance('stray', { tags: { 'aws:autoscaling:groupName': 'web' } }).build();
    const graph = buildGraph(snapshot);
    expect(names(graph, key('AWS::AutoScaling::AutoScalingGroup', 'web'), 'memberOf', 'AWS::EC2::Instance', 'in')).toEqual(expect.arrayContaining(['web-1', 'web-2', 'stray']));
    // The instances list alone is enough when the tag is missing.
    const untagged = estate().asg('web').build();
    for (const i of untagged.resources['AWS::EC2::Instance']!) i.Tags = [];
    const g2 = buildGraph(untagged);
    expect(g2.in(key('AWS::AutoScaling::AutoScalingGroup', 'web'), 'memberOf')).toHaveLength(2);
  });

  it('attaches a group to target groups (TargetGroupARNs or traffic sources) and classic load balancers', () => {
    const snapshot = estate().asg('web', { targetGroups: ['web'], classicLoadBalancers: ['legacy'] }).targetGroup('web').targetGroup('extra').clb('legacy').build();
    const group = snapshot.resources['AWS::AutoScaling::AutoScalingGroup']![0]!;
    group.TrafficSources = [{ Identifier: idOf(snapshot, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'TargetGroupName', 'extra'), Type: 'elbv2' }];
    const graph = buildGraph(snapshot);
    const asg = key('AWS::AutoScaling::AutoScalingGroup', 'web');
    expect(names(graph, asg, 'attachedTo', 'AWS::ElasticLoadBalancingV2::TargetGroup').sort()).toEqual(['extra', 'web']);
    expect(names(graph, asg, 'attachedTo', 'AWS::ElasticLoadBalancing::LoadBalancer')).toEqual(['legacy']);
  });

  it('routes a load balancer to target groups through listeners, rules and weighted forwards, and through LoadBalancerArns', () => {
    const snapshot = estate()
      .targetGroup('default')
      .targetGroup('by-path')
      .targetGroup('blue')
      .targetGroup('green')
      .targetGroup('parked')
      .targetGroup('listed-only')
      .alb('front', {
        listeners: [
          { port: 80, forward: 'default', rules: ['by-path', [{ targetGroup: 'blue', weight: 80 }, { targetGroup: 'green', weight: 20 }, { targetGroup: 'parked', weight: 0 }]] },
        ],
      })
      .build();
    const lbArn = idOf(snapshot, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'LoadBalancerName', 'front');
    const listed = snapshot.resources['AWS::ElasticLoadBalancingV2::TargetGroup']!.find((t) => t.TargetGroupName === 'listed-only')!;
    listed.LoadBalancerArns = [lbArn];
    // DescribeRules returns no ListenerArn; the graph reads it from the rule ARN.
    for (const rule of snapshot.resources['AWS::ElasticLoadBalancingV2::ListenerRule']!) delete rule.ListenerArn;
    // Only the forwards count here: the parked group is associated with the load balancer through its own LoadBalancerArns.
    for (const tg of snapshot.resources['AWS::ElasticLoadBalancingV2::TargetGroup']!) if (tg.TargetGroupName !== 'listed-only') tg.LoadBalancerArns = [];
    const graph = buildGraph(snapshot);
    expect(names(graph, key('AWS::ElasticLoadBalancingV2::LoadBalancer', lbArn), 'routesTo').sort()).toEqual(['blue', 'by-path', 'default', 'green', 'listed-only']);
    const rules = snapshot.resources['AWS::ElasticLoadBalancingV2::ListenerRule']!;
    for (const rule of rules) expect(graph.out(key('AWS::ElasticLoadBalancingV2::ListenerRule', String(rule.RuleArn)), 'partOf')).toHaveLength(1);
    expect(rules.flatMap((r) => names(graph, key('AWS::ElasticLoadBalancingV2::ListenerRule', String(r.RuleArn)), 'routesTo')).sort()).toEqual(['blue', 'by-path', 'green']);
  });

  it('links instance targets by id and IP targets by private address within the VPC, preferring a live instance', () => {
    const snapshot = estate()
      .instance('api-1', { targetGroups: ['api'] })
      .instance('api-2', { targetGroups: ['by-ip'] })
      .targetGroup('api')
      .targetGroup('by-ip', { targetType: 'ip' })
      .build();
    const byIp = snapshot.resources['AWS::ElasticLoadBalancingV2::TargetGroup']!.find((t) => t.TargetGroupName === 'by-ip')!;
    for (const d of byIp.TargetHealthDescriptions as { Target: Record<string, unknown> }[]) delete d.Target.AvailabilityZone;
    // A stopped instance that kept the same address must not steal the target.
    const live = snapshot.resources['AWS::EC2::Instance']!.find((i) => i.InstanceId === idOf(snapshot, 'AWS::EC2::Instance', 'Name', 'api-2'))!;
    snapshot.resources['AWS::EC2::Instance']!.unshift({ ...live, InstanceId: 'i-0000000000000stale', State: { Name: 'stopped' }, Tags: [{ Key: 'Name', Value: 'stale' }] });
    const graph = buildGraph(snapshot);
    expect(names(graph, key('AWS::ElasticLoadBalancingV2::TargetGroup', idOf(snapshot, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'TargetGroupName', 'api')), 'registeredIn', undefined, 'in')).toEqual(['api-1']);
    const ipEdges = graph.edgesIn(key('AWS::ElasticLoadBalancingV2::TargetGroup', String(byIp.TargetGroupArn)), 'registeredIn');
    expect(ipEdges.map((e) => graph.node(e.from)?.ref.name)).toEqual(['api-2']);
    expect(ipEdges[0]?.state).toBe('healthy');
  });

  it('links volumes to instances from the volumes’ attachments, or from the instances’ block device mappings when volumes were not collected', () => {
    const full = estate().instance('db', { dataVolumes: [50] }).build();
    const db = key('AWS::EC2::Instance', idOf(full, 'AWS::EC2::Instance', 'Name', 'db'));
    expect(buildGraph(full).in(db, 'attachedTo', 'AWS::EC2::Volume')).toHaveLength(2);
    const withoutVolumes = estate().instance('db', { dataVolumes: [50] }).omit('AWS::EC2::Volume').build();
    expect(buildGraph(withoutVolumes).in(db, 'attachedTo', 'AWS::EC2::Volume')).toHaveLength(0);
  });

  it('links Elastic IPs, subnets, security groups, launch sources and group settings', () => {
    const snapshot = estate().instance('redash', { eip: true, ports: [5000] }).asg('web', { policies: ['cpu'], lifecycleHooks: ['drain'] }).asg('old', { launch: 'configuration' }).build();
    const graph = buildGraph(snapshot);
    const redash = key('AWS::EC2::Instance', idOf(snapshot, 'AWS::EC2::Instance', 'Name', 'redash'));
    expect(graph.in(redash, 'associatedWith', 'AWS::EC2::EIP')).toHaveLength(1);
    expect(names(graph, redash, 'protectedBy')).toEqual(['redash-sg']);
    expect(graph.out(redash, 'runsIn', 'AWS::EC2::Subnet').map((s) => s.resource.AvailabilityZone)).toEqual(['us-east-1a']);
    expect(names(graph, key('AWS::AutoScaling::AutoScalingGroup', 'web'), 'launchedFrom')).toEqual(['web-lt']);
    expect(names(graph, key('AWS::AutoScaling::AutoScalingGroup', 'old'), 'launchedFrom')).toEqual(['old-lc']);
    expect(graph.in(key('AWS::AutoScaling::AutoScalingGroup', 'web'), 'configures').map((n) => n.ref.type).sort()).toEqual(['AWS::AutoScaling::LifecycleHook', 'AWS::AutoScaling::ScalingPolicy']);
  });

  it('finds a launch template referenced by name only', () => {
    const snapshot = estate().asg('web').build();
    const group = snapshot.resources['AWS::AutoScaling::AutoScalingGroup']![0]!;
    group.LaunchTemplate = { LaunchTemplateName: 'web-lt', Version: '$Default' };
    expect(names(buildGraph(snapshot), key('AWS::AutoScaling::AutoScalingGroup', 'web'), 'launchedFrom')).toEqual(['web-lt']);
  });

  it('gives zone ids per account from the zone table, or from subnets when the table is empty', () => {
    const snapshot = estate({ accountId: '111111111111' }).instance('a').build();
    const graph = buildGraph(snapshot);
    const fromTable = graph.zoneId('111111111111', REGION, 'us-east-1a');
    expect(fromTable).toMatch(/^use1-az\d$/);
    const other = estate({ accountId: '222222222222' }).instance('a').build();
    expect(buildGraph(other).zoneId('222222222222', REGION, 'us-east-1a')).not.toBe(fromTable);
    expect(buildGraph({ ...snapshot, availabilityZones: [] }).zoneId('111111111111', REGION, 'us-east-1a')).toBe(fromTable);
    const custom = estate().vpc({ zones: ['us-east-1a', 'us-east-1d'] }).instance('x', { zone: 'us-east-1d' }).build();
    expect(buildGraph(custom).zoneId(ACCOUNT, REGION, 'us-east-1d')).toMatch(/^use1-az\d$/);
    expect(buildGraph(custom).zoneId(ACCOUNT, REGION, 'us-east-1b')).toBeUndefined();
  });

  it('keeps accounts and regions apart: the same names link only within their own', () => {
    const snapshot = estate().asg('web', { targetGroups: ['web'] }).targetGroup('web').build();
    const other = estate({ region: 'eu-west-1' }).asg('web', { targetGroups: ['web-eu'], region: 'eu-west-1' }).targetGroup('web-eu', { region: 'eu-west-1' }).build();
    for (const type of Object.keys(other.resources) as ResourceType[]) snapshot.resources[type] = [...(snapshot.resources[type] ?? []), ...other.resources[type]!];
    snapshot.availabilityZones.push(...other.availabilityZones);
    const graph = buildGraph(snapshot);
    expect(graph.in(key('AWS::AutoScaling::AutoScalingGroup', 'web'), 'memberOf')).toHaveLength(2);
    expect(names(graph, key('AWS::AutoScaling::AutoScalingGroup', 'web'), 'attachedTo')).toEqual(['web']);
    expect(names(graph, refKey({ type: 'AWS::AutoScaling::AutoScalingGroup', id: 'web', accountId: ACCOUNT, region: 'eu-west-1' }), 'attachedTo')).toEqual(['web-eu']);
    // The same id in each region finds its own node, and none in a region that lacks it.
    const find = (region: string) => graph.find({ type: 'AWS::AutoScaling::AutoScalingGroup', id: 'web', accountId: ACCOUNT, region });
    expect(find(REGION)?.ref.region).toBe(REGION);
    expect(find('eu-west-1')?.ref.region).toBe('eu-west-1');
    expect(find('ap-south-1')).toBeUndefined();
    expect(graph.lookup.node('AWS::AutoScaling::AutoScalingGroup', '999999999999', REGION, 'web')).toBeUndefined();
  });

  it('finds every resource by id in any order, the same id in several accounts and regions included', () => {
    const snapshot = estate().build();
    const scopes = [
      [ACCOUNT, REGION],
      [ACCOUNT, 'us-east-10'],
      ['111111111111', REGION],
    ] as const;
    // Groups with the same names in every scope, listed unsorted.
    const groups = scopes.flatMap(([accountId, region]) => Array.from({ length: 12 }, (_, i) => ({ AutoScalingGroupName: `g${(i * 7) % 12}`, accountId, region })));
    snapshot.resources['AWS::AutoScaling::AutoScalingGroup'] = groups;
    const graph = buildGraph(snapshot);
    const nodes = graph.nodes('AWS::AutoScaling::AutoScalingGroup');
    expect(nodes).toHaveLength(36);
    // In order, backwards, then scattered (past the point where lookups out of order build the maps), and missing ones.
    const order = [...nodes, ...[...nodes].reverse(), ...nodes.map((_, i) => nodes[(i * 11) % nodes.length]!)];
    for (const node of order) expect(graph.find(node.ref)).toBe(node);
    for (const [accountId, region] of scopes) expect(graph.find({ type: 'AWS::AutoScaling::AutoScalingGroup', id: 'g12', accountId, region })).toBeUndefined();
    expect(graph.find({ type: 'AWS::AutoScaling::AutoScalingGroup', id: 'g1', accountId: ACCOUNT, region: 'us-east-2' })).toBeUndefined();
    // A fresh graph searched only out of order finds the same.
    const fresh = buildGraph(snapshot);
    expect([...nodes].reverse().map((n) => refKey(fresh.find(n.ref)!.ref))).toEqual([...nodes].reverse().map((n) => refKey(n.ref)));
  });

  it('keeps the first of a resource listed twice, and counts neighbours without listing them', () => {
    const snapshot = estate().instance('web', { targetGroups: ['web'] }).targetGroup('web').build();
    const [instance] = snapshot.resources['AWS::EC2::Instance']!;
    snapshot.resources['AWS::EC2::Instance']!.push({ ...instance!, Tags: [{ Key: 'Name', Value: 'again' }] });
    const graph = buildGraph(snapshot);
    expect(graph.nodes('AWS::EC2::Instance').map((n) => n.ref.name)).toEqual(['web']);
    const tg = graph.nodes('AWS::ElasticLoadBalancingV2::TargetGroup')[0]!;
    expect(graph.countIn(tg, 'registeredIn', 'AWS::EC2::Instance')).toBe(graph.in(tg.key, 'registeredIn', 'AWS::EC2::Instance').length);
    expect(graph.countIn(tg, 'registeredIn', 'AWS::EC2::Volume')).toBe(0);
    expect(graph.find({ type: 'AWS::EC2::Instance', id: String(instance!.InstanceId), accountId: ACCOUNT, region: REGION })).toBe(graph.nodes('AWS::EC2::Instance')[0]);
    expect(graph.node(key('AWS::EC2::Instance', String(instance!.InstanceId)))).toBe(graph.nodes('AWS::EC2::Instance')[0]);
    expect(graph.node('not a key')).toBeUndefined();
  });

  it('produces edges for every declared relationship on an estate that has them all', () => {
    const snapshot = estate()
      .instance('redash', { eip: true, ports: [5000], dataVolumes: [10], targetGroups: ['ip'] })
      .instance('legacy-1', { classicLoadBalancers: ['legacy'] })
      .asg('web', { targetGroups: ['web'], classicLoadBalancers: ['legacy'], policies: ['cpu'], lifecycleHooks: ['drain'] })
      .asg('old', { launch: 'configuration' })
      .targetGroup('web')
      .targetGroup('ip', { targetType: 'ip' })
      .alb('front', { targetGroups: ['web', 'ip'] })
      .clb('legacy')
      .build();
    snapshot.resources['AWS::AutoScaling::ScheduledAction'] = [{ accountId: ACCOUNT, region: REGION, AutoScalingGroupName: 'web', ScheduledActionName: 'morning', ScheduledActionARN: 'arn:aws:autoscaling:us-east-1:123456789012:scheduledUpdateGroupAction:x' }];
    snapshot.resources['AWS::AutoScaling::WarmPool'] = [{ accountId: ACCOUNT, region: REGION, AutoScalingGroupName: 'web' }];
    const group = snapshot.resources['AWS::EC2::SecurityGroup']![0]!.GroupId;
    for (const lb of [...snapshot.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']!, ...snapshot.resources['AWS::ElasticLoadBalancing::LoadBalancer']!]) lb.SecurityGroups = [group];
    const graph = buildGraph(snapshot);
    for (const spec of RELATIONSHIPS) {
      const linked = graph.nodes(spec.from).some((n) => graph.out(n.key, spec.relation, spec.to).length > 0);
      expect(linked, `${spec.from} ${spec.relation} ${spec.to}: ${spec.description}`).toBe(true);
    }
  });
});
