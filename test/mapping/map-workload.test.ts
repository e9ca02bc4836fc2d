import { describe, expect, it } from 'vitest';
import { planDisruption } from '../../src/mapping/disruption.js';
import { mapWorkload, summaryOutline } from '../../src/mapping/map-workload.js';
import { planRollout } from '../../src/mapping/rollout.js';
import { gatherSources } from '../../src/mapping/workload-sources.js';
import type { KubernetesPlan, WorkloadClass } from '../../src/mapping/types.js';
import { formatPath } from '../../src/mapping/values-builder.js';
import { resolve } from '../../src/model/resolve.js';
import { findingsByWorkload } from '../../src/rules/findings.js';
import type { Finding } from '../../src/rules/types.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { estate } from '../helpers/estate-builder.js';
import { apps, at, planOf } from './helpers.js';

function mixedEstate() {
  return estate()
    .asg('web', { zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], desired: 3, min: 2, max: 6, targetGroups: ['web-tg'], policies: ['cpu'], tags: { Team: 'shop' } })
    .targetGroup('web-tg', { port: 8080, healthCheck: { path: '/healthz' } })
    .alb('web-alb', { targetGroups: ['web-tg'] })
    .instance('redash', { eip: true, ports: [22, 80, 443] })
    .instance('orders-db', { dataVolumes: [100], ports: [5432] })
    .instance('jenkins', { ports: [22, 8080, 50000] })
    .asg('mq', { desired: 2, targetGroups: ['mq-tg'] })
    .targetGroup('mq-tg', { protocol: 'TCP', port: 5672 })
    .nlb('mq-nlb', { targetGroups: ['mq-tg'] });
}

async function planAll(snapshot: Snapshot): Promise<KubernetesPlan[]> {
  const model = resolve(snapshot);
  const catalog = await apps();
  return model.workloads.map((w) => mapWorkload(model, w, [], undefined, undefined, { apps: catalog }));
}

/** Every leaf path of a values tree. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? [path] : entries.flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [path];
}

describe('mapWorkload', () => {
  it('gives every value a provenance, on the value itself or on the node that holds it', async () => {
    for (const plan of await planAll(mixedEstate().build())) {
      for (const leaf of leaves(plan.values)) {
        const covered = leaf.some((_, i) => plan.provenance[formatPath(leaf.slice(0, leaf.length - i))] !== undefined);
        expect(covered, `${plan.workloadId}: ${formatPath(leaf)} has no provenance`).toBe(true);
      }
      for (const p of Object.values(plan.provenance)) {
        expect(p.reason.length).toBeGreaterThan(5);
        if (p.source === 'aws') expect(p.resource && p.field).toBeTruthy();
      }
    }
  });

  it('outlines a workload for its summary exactly as it maps it, without the values, sources and findings', async () => {
    const model = resolve(mixedEstate().build());
    const catalog = await apps();
    for (const w of model.workloads) {
      const { values: _values, provenance: _provenance, sources: _sources, findingIds: _findingIds, spofToday: _spofToday, ...rest } = mapWorkload(model, w, [], undefined, undefined, { apps: catalog });
      expect(summaryOutline(model, w, { apps: catalog })).toStrictEqual(rest);
    }
  });

  it('gives rollout and disruption values only, which is why outlines skip them (a task or warning there must reach outlines too)', () => {
    const model = resolve(mixedEstate().build());
    const classes: WorkloadClass[] = ['replicable', 'replicable-shared-storage', 'app-clustered', 'singleton'];
    for (const cls of classes) {
      const disruption = planDisruption(cls);
      expect(disruption.values.length).toBeGreaterThan(0);
      expect([...(disruption.tasks ?? []), ...(disruption.warnings ?? [])], cls).toEqual([]);
      for (const w of model.workloads) {
        for (const kind of ['Deployment', 'StatefulSet'] as const) {
          for (const replicas of [1, 2, 5]) {
            const rollout = planRollout(gatherSources(model, w), cls, kind, replicas);
            expect([...(rollout.tasks ?? []), ...(rollout.warnings ?? [])], `${w.id} ${cls} ${kind} ${replicas}`).toEqual([]);
          }
        }
      }
    }
  });

  it('is deterministic: the same estate, in any order, gives the same plans', async () => {
    const a = JSON.stringify(await planAll(mixedEstate().build()));
    const shuffled = mixedEstate().build();
    for (const list of Object.values(shuffled.resources)) list?.reverse();
    const b = JSON.stringify(await planAll(shuffled));
    expect(b).toBe(a);
  });

  it('writes a marked image placeholder and a task that says what to build', async () => {
    const e = estate().asg('api', { desired: 2, tags: { Application: 'checkout', Role: 'api' } });
    const { plan } = await planOf(e, 'api');
    expect(plan.values.image).toEqual({ repository: 'REPLACE-ME/api', tag: 'REPLACE-ME' });
    const task = plan.tasks?.find((t) => t.kind === 'image');
    expect(task?.blocking).toBe(true);
    expect(task?.detail).toMatch(/AMI ami-0abcdef1234567890/);
    expect(task?.detail).toMatch(/launch template api-lt/);
    expect(task?.detail).toMatch(/Application=checkout/);
    expect(plan.todo.some((t) => t.startsWith('Build a container image for api'))).toBe(true);
  });

  it('an image decision replaces the placeholder and the task', async () => {
    const { plan } = await planOf(estate().asg('api', { desired: 2 }), 'api', { decision: { image: { repository: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api', tag: '1.4.2' } } });
    expect(plan.values.image).toEqual({ repository: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api', tag: '1.4.2' });
    expect(plan.tasks?.some((t) => t.kind === 'image')).toBe(false);
  });

  it('links the workload\'s findings, including those on a resource it shares, and whether it is a single point of failure today', async () => {
    const e = estate().instance('solo', {});
    const snapshot = e.build();
    const model = resolve(snapshot);
    const w = model.workloads[0]!;
    const finding = (id: string, spof: boolean, owners: string[]): Finding => ({
      id, ruleId: id, title: id, severity: 'high', spof, resource: w.instances[0]!, workloadId: owners[0]!, ...(owners.length > 1 ? { workloadIds: owners } : {}), message: id, kubernetes: { equivalent: 'x' },
    });
    // A SPOF finding on a load balancer shared with another workload, whose first owner is the other one.
    const own = findingsByWorkload([finding('b', false, [w.id]), finding('a', false, [w.id]), finding('c', true, ['other']), finding('d', true, ['other', w.id])]);
    const plan = mapWorkload(model, w, own.get(w.id) ?? []);
    expect(plan.findingIds).toEqual(['a', 'b', 'd']);
    expect(plan.spofToday).toBe(true);
    expect(mapWorkload(model, w, (own.get(w.id) ?? []).filter((f) => f.id !== 'd')).spofToday).toBe(false);
  });

  it('the Redash box: replicas, PDB, zone spread and probes, and its state must move first', async () => {
    const { plan } = await planOf(mixedEstate(), 'redash');
    expect(plan.app?.id).toBe('redash');
    expect(plan).toMatchObject({ class: 'replicable', kind: 'Deployment' });
    expect(plan.replicas).toBeGreaterThanOrEqual(2);
    expect(at(plan.values, 'podDisruptionBudget')).toMatchObject({ enabled: true, maxUnavailable: 1 });
    expect(at(plan.values, 'topologySpreadConstraints')).toEqual([expect.objectContaining({ topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' })]);
    expect(at(plan.values, 'readinessProbe.httpGet.path')).toBe('/ping');
    const state = plan.tasks?.find((t) => t.kind === 'state');
    expect(state?.blocking).toBe(true);
    expect(state?.detail).toMatch(/PostgreSQL/);
    expect(state?.detail).toMatch(/Redis/);
  });
});

describe('sparse and odd AWS shapes', () => {
  it('maps resources that lack optional fields without failing, and says what it had to assume', async () => {
    const snapshot = estate()
      .asg('api', { desired: 2, targetGroups: ['api-tg'] })
      .targetGroup('api-tg', { protocol: 'HTTP', port: 8080 })
      .alb('api-alb', { targetGroups: ['api-tg'] })
      .instance('odd', { ports: [8080] })
      .clb('old-elb', { instances: ['odd'], listeners: [{ port: 80, instancePort: 8080 }] })
      .build();
    const tg = snapshot.resources['AWS::ElasticLoadBalancingV2::TargetGroup']![0]!;
    for (const field of ['HealthCheckPath', 'HealthCheckIntervalSeconds', 'HealthCheckTimeoutSeconds', 'UnhealthyThresholdCount', 'HealthyThresholdCount', 'Matcher', 'Attributes', 'HealthCheckPort']) delete tg[field];
    const clb = snapshot.resources['AWS::ElasticLoadBalancing::LoadBalancer']![0]!;
    delete clb.HealthCheck;
    delete clb.Attributes;
    const sg = snapshot.resources['AWS::EC2::SecurityGroup']![0]!;
    sg.IpPermissions = [{ IpProtocol: '58' }, { IpProtocol: 'tcp' }, { IpProtocol: 'udp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'garbage'];
    snapshot.instanceTypes = [];
    const plans = await planAll(snapshot);
    expect(plans.map((p) => p.workloadId).sort()).toEqual(['api', 'odd']);
    const api = plans.find((p) => p.workloadId === 'api')!;
    expect(api.values.readinessProbe).toMatchObject({ httpGet: { path: '/', port: 'http' }, periodSeconds: 10, failureThreshold: 2 });
    expect(api.provenance['readinessProbe.periodSeconds']?.source).toBe('default');
    expect(api.values.terminationGracePeriodSeconds).toBe(310);
    const odd = plans.find((p) => p.workloadId === 'odd')!;
    expect(odd.values.readinessProbe).toMatchObject({ tcpSocket: {} });
    expect(odd.warnings?.length).toBeGreaterThan(0);
  });
});
