import { describe, expect, it } from 'vitest';
import { resolve } from '../../src/model/resolve.js';
import type { Model, ResourceRef } from '../../src/model/types.js';
import { RESOURCE_TYPES, resourceId, type ResourceType, type Snapshot } from '../../src/snapshot/types.js';
import { estate } from '../helpers/estate-builder.js';

const sample = (): Snapshot =>
  estate()
    .asg('api', { targetGroups: ['api'] })
    .asg('admin', { targetGroups: ['admin'] })
    .targetGroup('api')
    .targetGroup('admin')
    .alb('internal', { targetGroups: ['api', 'admin'] })
    .instance('postgres-1', { dataVolumes: [100], ports: [5432] })
    .instance('redash', { eip: true })
    .build();

/** Everything the model says, as one JSON text. */
function dump(model: Model): string {
  const facts: Record<string, unknown> = {};
  for (const type of RESOURCE_TYPES) {
    for (const r of model.snapshot.resources[type] ?? []) {
      const ref = { type, id: resourceId(type, r), accountId: r.accountId, region: r.region };
      facts[`${type}|${ref.id}`] = model.facts(ref);
    }
  }
  const workloadFacts = Object.fromEntries(model.workloads.map((w) => [w.id, model.workloadFacts(w.id)]));
  return JSON.stringify({ workloads: model.workloads, facts: Object.fromEntries(Object.entries(facts).sort(([x], [y]) => (x < y ? -1 : 1))), workloadFacts });
}

describe('resolve', () => {
  it('looks resources, facts and workloads up by reference', () => {
    const snapshot = sample();
    const model = resolve(snapshot);
    const tg = snapshot.resources['AWS::ElasticLoadBalancingV2::TargetGroup']![0]!;
    const ref = { type: 'AWS::ElasticLoadBalancingV2::TargetGroup' as ResourceType, id: String(tg.TargetGroupArn), accountId: tg.accountId, region: tg.region };
    expect(model.resource(ref)).toBe(tg);
    expect(model.facts(ref).name).toBe(tg.TargetGroupName);
    expect(model.workloadOf(ref)?.id).toBe(tg.TargetGroupName);
    expect(model.facts({ ...ref, id: 'arn:nothing' })).toEqual({});
    expect(model.workloadOf({ ...ref, id: 'arn:nothing' })).toBeUndefined();
    expect(model.workloadFacts('no-such-workload')).toEqual({});
  });

  it('gives every workload a shared load balancer serves, sorted, and the first of them from workloadOf', () => {
    const snapshot = sample();
    const model = resolve(snapshot);
    const lb = snapshot.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']![0]!;
    const ref = { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' as ResourceType, id: String(lb.LoadBalancerArn), accountId: lb.accountId, region: lb.region };
    expect(model.workloadsOf(ref).map((w) => w.id)).toEqual(['admin', 'api']);
    expect(model.workloadOf(ref)?.id).toBe('admin');
    expect(model.facts(ref).workloads).toEqual(['admin', 'api']);
    expect(model.related(ref, 'routesTo').map((r) => r.name).sort()).toEqual(['admin', 'api']);
    expect(model.related({ type: 'AWS::AutoScaling::AutoScalingGroup', id: 'api', accountId: lb.accountId, region: lb.region }, 'memberOf', 'in')).toHaveLength(2);
  });

  it('answers by position in the snapshot as it does by reference, a resource listed twice included', () => {
    const snapshot = sample();
    const instances = snapshot.resources['AWS::EC2::Instance']!;
    instances.push(structuredClone(instances[0]!), { accountId: instances[0]!.accountId, region: instances[0]!.region });
    const model = resolve(snapshot);
    for (const type of RESOURCE_TYPES) {
      (snapshot.resources[type] ?? []).forEach((r, i) => {
        const ref = { type, id: resourceId(type, r), accountId: r.accountId, region: r.region };
        // The same cached object, or for a resource without an id the same empty facts.
        if (ref.id) expect(model.factsAt!(type, i)).toBe(model.facts(ref));
        else expect(model.factsAt!(type, i)).toEqual(model.facts(ref));
        expect(model.workloadsAt!(type, i)).toEqual(model.workloadsOf(ref));
      });
    }
    expect(model.factsAt!('AWS::EC2::Instance', instances.length - 1)).toEqual({});
    expect(model.workloadsAt!('AWS::EC2::Instance', instances.length - 1)).toEqual([]);
    expect(model.factsAt!('AWS::EC2::Instance', instances.length - 2)).toBe(model.factsAt!('AWS::EC2::Instance', 0));
  });

  it('gives the members of a workload in the order of its references', () => {
    const model = resolve(sample());
    for (const w of model.workloads) {
      const members = model.membersOf!(w.id)!;
      const data = (refs: ResourceRef[]) => refs.map((ref) => model.resource(ref));
      expect(members.instances).toEqual(data(w.instances));
      expect(members.runningInstances).toEqual(data(w.runningInstances));
      expect(members.targetGroups).toEqual(data(w.targetGroups));
      expect(members.loadBalancers).toEqual(data(w.loadBalancers));
      expect(members.autoScalingGroup).toBe(w.autoScalingGroup ? model.resource(w.autoScalingGroup) : undefined);
      members.instances.forEach((r, i) => expect(r).toBe(model.resource(w.instances[i]!)));
    }
    expect(model.membersOf!('no-such-workload')).toBeUndefined();
  });

  it('marks stateful workloads on the workload itself', () => {
    const model = resolve(sample());
    expect(Object.fromEntries(model.workloads.map((w) => [w.id, w.stateful]))).toEqual({ admin: false, api: false, postgres: true, redash: false });
  });

  it('is pure: the snapshot is left as it was, and the same snapshot gives the same model whatever its order', () => {
    const snapshot = sample();
    const before = JSON.stringify(snapshot);
    const first = dump(resolve(snapshot));
    expect(JSON.stringify(snapshot)).toBe(before);
    expect(dump(resolve(structuredClone(snapshot)))).toBe(first);
    const shuffled = structuredClone(snapshot);
    for (const type of Object.keys(shuffled.resources) as ResourceType[]) shuffled.resources[type]!.reverse();
    shuffled.coverage.reverse();
    shuffled.availabilityZones.reverse();
    const again = JSON.parse(dump(resolve(shuffled))) as { workloads: unknown; facts: unknown; workloadFacts: unknown };
    const expected = JSON.parse(first) as typeof again;
    expect(again.workloads).toEqual(expected.workloads);
    expect(again.facts).toEqual(expected.facts);
    expect(again.workloadFacts).toEqual(expected.workloadFacts);
  });

  it('copes with a snapshot that holds nothing, and with resources missing the fields it reads', () => {
    const empty = estate().build();
    expect(resolve({ ...empty, resources: {} }).workloads).toEqual([]);
    const sparse = sample();
    for (const type of Object.keys(sparse.resources) as ResourceType[]) {
      sparse.resources[type] = sparse.resources[type]!.map((r) => {
        const id = resourceId(type, r);
        const kept = Object.fromEntries(Object.entries(r).filter(([k]) => ['accountId', 'region', 'Tags'].includes(k) || r[k] === id));
        return kept as typeof r;
      });
    }
    const model = resolve(sparse);
    expect(model.workloads.length).toBeGreaterThan(0);
    expect(() => dump(model)).not.toThrow();
  });
});
