import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/model/graph.js';
import type { Workload } from '../../src/model/types.js';
import { groupWorkloads } from '../../src/model/workloads.js';
import type { ResourceType, Snapshot } from '../../src/snapshot/types.js';
import { estate, type EstateBuilder } from '../helpers/estate-builder.js';

const group = (input: EstateBuilder | Snapshot): Workload[] => groupWorkloads(buildGraph(input instanceof Object && 'build' in input ? input.build() : input));
const summary = (workloads: Workload[]): Record<string, { origin: string; instances: string[] }> =>
  Object.fromEntries(workloads.map((w) => [w.id, { origin: w.origin, instances: w.instances.map((i) => i.name).sort() }]));

/** Merges snapshots of several builders (accounts, regions) into one. */
function merge(...snapshots: Snapshot[]): Snapshot {
  const [first, ...rest] = snapshots;
  const out = structuredClone(first!);
  for (const s of rest) {
    for (const type of Object.keys(s.resources) as ResourceType[]) out.resources[type] = [...(out.resources[type] ?? []), ...s.resources[type]!];
    out.coverage.push(...s.coverage);
    out.availabilityZones.push(...s.availabilityZones);
  }
  return out;
}

describe('groupWorkloads', () => {
  it('makes each Auto Scaling group one workload with its instances, volumes, target groups, load balancers and settings', () => {
    const [web] = group(estate().asg('web', { targetGroups: ['web'], policies: ['cpu'] }).targetGroup('web').alb('front', { targetGroups: ['web'] }));
    expect(web).toMatchObject({ id: 'web', name: 'web', origin: 'auto-scaling-group', zones: ['us-east-1a', 'us-east-1b'] });
    expect(web!.autoScalingGroup?.id).toBe('web');
    expect(web!.runningInstances.map((r) => r.name)).toEqual(['web-1', 'web-2']);
    expect(web!.targetGroups.map((r) => r.name)).toEqual(['web']);
    expect(web!.loadBalancers.map((r) => r.name)).toEqual(['front']);
    expect([...new Set(web!.resources.map((r) => r.type))]).toEqual([
      'AWS::EC2::Instance',
      'AWS::EC2::Volume',
      'AWS::EC2::LaunchTemplate',
      'AWS::AutoScaling::AutoScalingGroup',
      'AWS::AutoScaling::ScalingPolicy',
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::TargetGroup',
    ]);
  });

  it('groups standalone instances behind the same target group or classic load balancer, transitively', () => {
    const workloads = group(
      estate()
        .instance('alpha', { targetGroups: ['one'] })
        .instance('beta', { targetGroups: ['one', 'two'] })
        .instance('gamma', { targetGroups: ['two'] })
        .instance('delta', { classicLoadBalancers: ['legacy'] })
        .instance('epsilon', { classicLoadBalancers: ['legacy'] })
        .targetGroup('one')
        .targetGroup('two')
        .clb('legacy'),
    );
    expect(summary(workloads)).toEqual({
      legacy: { origin: 'instance-group', instances: ['delta', 'epsilon'] },
      one: { origin: 'instance-group', instances: ['alpha', 'beta', 'gamma'] },
    });
  });

  it('names a load-balanced group after the application its instances share', () => {
    const workloads = group(estate().instance('billing-legacy-1', { classicLoadBalancers: ['elb-7'] }).instance('billing-legacy-2', { classicLoadBalancers: ['elb-7'] }).clb('elb-7'));
    expect(workloads.map((w) => w.id)).toEqual(['billing-legacy']);
  });

  it('groups the remaining standalone instances by app tag, CloudFormation stack and logical id, or Name without its number', () => {
    const workloads = group(
      estate()
        .instance('a', { tags: { App: 'Search' } })
        .instance('b', { tags: { service: 'search' } })
        .instance('c', { tags: { 'aws:cloudformation:stack-name': 'prod', 'aws:cloudformation:logical-id': 'Worker' } })
        .instance('d', { tags: { 'aws:cloudformation:stack-name': 'prod', 'aws:cloudformation:logical-id': 'Worker' } })
        .instance('web-01')
        .instance('web-02')
        .instance('web_3')
        .instance('jenkins'),
    );
    expect(summary(workloads)).toEqual({
      jenkins: { origin: 'standalone-instance', instances: ['jenkins'] },
      'prod-worker': { origin: 'instance-group', instances: ['c', 'd'] },
      search: { origin: 'instance-group', instances: ['a', 'b'] },
      web: { origin: 'instance-group', instances: ['web-01', 'web-02', 'web_3'] },
    });
  });

  it('lets an instance without any name stand alone under its id', () => {
    const snapshot = estate().instance('x').build();
    snapshot.resources['AWS::EC2::Instance']![0]!.Tags = [];
    const [only] = group(snapshot);
    expect(only!.origin).toBe('standalone-instance');
    expect(only!.id).toMatch(/^i-[0-9a-f]+$/);
  });

  it('keeps stopped instances as members but never as replicas, and leaves terminated instances out', () => {
    const [web] = group(estate().instance('web-1').instance('web-2', { state: 'stopped' }).instance('web-3', { state: 'terminated' }));
    expect(web!.instances.map((i) => i.name)).toEqual(['web-1', 'web-2']);
    expect(web!.runningInstances.map((i) => i.name)).toEqual(['web-1']);
    expect(web!.zones).toEqual(['us-east-1a']);
  });

  it('keeps instances of a group the snapshot does not hold together under that group’s name', () => {
    const snapshot = estate().asg('web').omit('AWS::AutoScaling::AutoScalingGroup').build();
    const [web] = group(snapshot);
    expect(web).toMatchObject({ id: 'web', origin: 'auto-scaling-group' });
    expect(web!.autoScalingGroup).toBeUndefined();
    expect(web!.instances).toHaveLength(2);
  });

  it('never merges workloads across regions or accounts, and qualifies clashing ids by region, then account', () => {
    const snapshot = merge(
      estate().asg('web').instance('redash').build(),
      estate({ region: 'eu-west-1' }).asg('web').build(),
      estate({ accountId: '210987654321' }).asg('web').instance('redash').build(),
    );
    const ids = group(snapshot).map((w) => w.id);
    expect(ids).toEqual(['redash-us-east-1-123456789012', 'redash-us-east-1-210987654321', 'web-eu-west-1', 'web-us-east-1-123456789012', 'web-us-east-1-210987654321']);
  });

  it('gives ids that depend on the estate, not on the order of the snapshot', () => {
    const snapshot = estate().asg('web').instance('api-1', { targetGroups: ['api'] }).instance('api-2', { targetGroups: ['api'] }).targetGroup('api').instance('web').instance('db-1').instance('db-2').build();
    const reversed = structuredClone(snapshot);
    for (const type of Object.keys(reversed.resources) as ResourceType[]) reversed.resources[type]!.reverse();
    expect(group(reversed)).toEqual(group(snapshot));
    // The ASG "web" and the instance "web" clash and are told apart by a hash of what they are.
    expect(group(snapshot).map((w) => w.id)).toEqual(['api', 'db', expect.stringMatching(/^web-[0-9a-f]{8}$/), expect.stringMatching(/^web-[0-9a-f]{8}$/)]);
  });

  it('makes every id a unique DNS-1123 label', () => {
    const long = 'Very Long Application Name With Spaces And UPPER case That Goes On And On Forever';
    const workloads = group(estate().asg(long).asg(`${long} 2`).instance('Ünïcode_Ñame').instance('--weird--'));
    const ids = workloads.map((w) => w.id);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('unicode-name');
  });

  it('puts a load balancer shared by two groups in both workloads', () => {
    const workloads = group(
      estate()
        .asg('api', { targetGroups: ['api'] })
        .asg('admin', { targetGroups: ['admin'] })
        .targetGroup('api')
        .targetGroup('admin')
        .alb('internal', { targetGroups: ['api', 'admin'] }),
    );
    for (const w of workloads) expect(w.loadBalancers.map((r) => r.name)).toEqual(['internal']);
  });
});
