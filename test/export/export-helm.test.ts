// Exported values against the real chart and the real helm: for a matrix of estates (HTTP, HTTPS,
// TCP and classic health checks, matchers outside 200-399, groups with and without scaling policies,
// data volumes, no load balancer) and for the demo estate, `helm lint --strict` and `helm template`
// succeed, the manifests validate, and they clear the HA bar with expectations taken from the AWS side.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderValues } from '../../src/export/helm-values.js';
import { mapWorkload } from '../../src/mapping/map-workload.js';
import { releaseNameOf } from '../../src/mapping/release-name.js';
import type { KubernetesPlan, WorkloadDecision } from '../../src/mapping/types.js';
import { paths } from '../../src/paths.js';
import { assessSnapshot } from '../../src/rules/assess.js';
import { loadRules } from '../../src/rules/load.js';
import { readSnapshot } from '../../src/snapshot/read-write.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { checkHaBar, type HaBarOptions } from '../../test-support/ha-bar.js';
import { helmBin, runHelm } from '../../test-support/helm.js';
import { parseManifests, validateManifests } from '../../test-support/k8s-validate.js';
import { estate, type EstateBuilder } from '../helpers/estate-builder.js';
import { apps, planOf } from '../mapping/helpers.js';

const chartDefaults = parse(readFileSync(join(paths.chart, 'values.yaml'), 'utf8')) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'kubelift-export-helm-'));
const NAMESPACE = 'apps';

/** Lints and renders a plan's values with the chart; returns the manifests. */
async function render(plan: KubernetesPlan, label: string): Promise<object[]> {
  const file = join(dir, `${label}.yaml`);
  writeFileSync(file, renderValues(plan, { chartDefaults }));
  const lint = await runHelm(['lint', '--strict', paths.chart, '-f', file]);
  expect(lint.code, `helm lint --strict ${label}:\n${lint.stdout}\n${lint.stderr}`).toBe(0);
  const out = await runHelm(['template', releaseNameOf(plan.workloadId), paths.chart, '--namespace', NAMESPACE, '-f', file]);
  expect(out.code, `helm template ${label}:\n${out.stderr}`).toBe(0);
  expect(await validateManifests(out.stdout), `manifests of ${label}`).toEqual([]);
  return parseManifests(out.stdout);
}

interface Case {
  name: string;
  estate: () => EstateBuilder | Snapshot;
  workload: string;
  decision?: WorkloadDecision;
  bar: HaBarOptions;
  /** What else the rendered objects must show. */
  kinds?: string[];
}

const alb = (tg: Parameters<EstateBuilder['targetGroup']>[1], asg: Parameters<EstateBuilder['asg']>[1] = {}) =>
  estate().asg('web', { zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], desired: 3, min: 2, max: 6, targetGroups: ['web-tg'], ...asg }).targetGroup('web-tg', tg).alb('web-alb', { targetGroups: ['web-tg'] });

const cases: Case[] = [
  {
    name: 'ALB, HTTP check, CPU scaling policy',
    estate: () => alb({ port: 8080, healthCheck: { path: '/healthz' }, attributes: { 'deregistration_delay.timeout_seconds': '60' } }, { policies: ['cpu'] }),
    workload: 'web',
    bar: { expectReplicable: true, deregistrationDelaySeconds: 60, readiness: { handler: 'httpGet', path: '/healthz', port: 8080 } },
    kinds: ['Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount'],
  },
  {
    name: 'ALB, no scaling policy, privileged port 80',
    estate: () => alb({ port: 80, healthCheck: { path: '/' } }),
    workload: 'web',
    bar: { expectReplicable: true, deregistrationDelaySeconds: 300, readiness: { handler: 'httpGet', path: '/', port: 8080 } },
    kinds: ['Deployment', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount'],
  },
  {
    name: 'HTTPS check',
    estate: () => alb({ protocol: 'HTTPS', port: 8443, healthCheck: { path: '/ready' } }),
    workload: 'web',
    bar: { expectReplicable: true, deregistrationDelaySeconds: 300, readiness: { handler: 'httpGet', path: '/ready', port: 8443, scheme: 'HTTPS' } },
  },
  {
    name: 'matcher outside 200-399',
    estate: () => alb({ port: 8080, healthCheck: { path: '/login', matcher: '200-499' } }),
    workload: 'web',
    bar: { expectReplicable: true, deregistrationDelaySeconds: 300, readiness: { handler: 'tcpSocket', port: 8080 } },
  },
  {
    name: 'separate health check port',
    estate: () => alb({ port: 8080, healthCheck: { path: '/status', port: '9090' } }),
    workload: 'web',
    bar: { expectReplicable: true, deregistrationDelaySeconds: 300, readiness: { handler: 'httpGet', path: '/status', port: 9090 } },
  },
  {
    name: 'NLB, TCP check',
    estate: () => estate().asg('mq', { desired: 2, targetGroups: ['mq-tg'] }).targetGroup('mq-tg', { protocol: 'TCP', port: 5672 }).nlb('mq-nlb', { targetGroups: ['mq-tg'] }),
    workload: 'mq',
    bar: { expectReplicable: true, deregistrationDelaySeconds: 300, readiness: { handler: 'tcpSocket', port: 5672 } },
  },
  {
    name: 'classic ELB, HTTP target, both instances in one zone',
    estate: () =>
      estate()
        .instance('legacy-1', { zone: 'us-east-1a', classicLoadBalancers: ['legacy-elb'] })
        .instance('legacy-2', { zone: 'us-east-1a', classicLoadBalancers: ['legacy-elb'] })
        .clb('legacy-elb', { listeners: [{ port: 80, instancePort: 8000 }], healthCheckTarget: 'HTTP:8000/index.html' }),
    workload: 'legacy',
    bar: { expectReplicable: true, deregistrationDelaySeconds: 300, readiness: { handler: 'httpGet', path: '/index.html', port: 8000 } },
  },
  {
    name: 'classic ELB, SSL listener, draining off',
    estate: () =>
      estate()
        .instance('ldap-1', { classicLoadBalancers: ['ldap-elb'] })
        .instance('ldap-2', { zone: 'us-east-1b', classicLoadBalancers: ['ldap-elb'] })
        .clb('ldap-elb', { listeners: [{ port: 636, instancePort: 1636, protocol: 'SSL' }], healthCheckTarget: 'SSL:1636', connectionDraining: false }),
    workload: 'ldap',
    bar: { expectReplicable: true, deregistrationDelaySeconds: 0, readiness: { handler: 'tcpSocket', port: 1636 } },
  },
  {
    name: 'no load balancer, ASG without policies',
    estate: () => estate().asg('worker', { desired: 1, min: 1, max: 1 }),
    workload: 'worker',
    bar: { expectReplicable: true, readiness: { handler: 'tcpSocket' } },
  },
  {
    name: 'database on an EBS data volume (singleton StatefulSet)',
    estate: () => estate().instance('orders-db', { dataVolumes: [100], ports: [22, 5432] }),
    workload: 'orders-db',
    bar: { expectReplicable: false, readiness: { handler: 'tcpSocket', port: 5432 } },
    kinds: ['NetworkPolicy', 'PodDisruptionBudget', 'Service', 'Service', 'ServiceAccount', 'StatefulSet'],
  },
  {
    name: 'instances that each keep a data volume (app-clustered StatefulSet)',
    estate: () =>
      estate()
        .instance('search-1', { zone: 'us-east-1a', dataVolumes: [100], targetGroups: ['search-tg'] })
        .instance('search-2', { zone: 'us-east-1b', dataVolumes: [100], targetGroups: ['search-tg'] })
        .targetGroup('search-tg', { port: 7000, healthCheck: { path: '/health' } })
        .alb('search-alb', { targetGroups: ['search-tg'] }),
    workload: 'search',
    bar: { expectReplicable: true, deregistrationDelaySeconds: 300, readiness: { handler: 'httpGet', path: '/health', port: 7000 } },
  },
  {
    name: 'Jenkins controller (singleton with JENKINS_HOME on a volume)',
    estate: () => estate().instance('jenkins', { ports: [22, 8080, 50000] }),
    workload: 'jenkins',
    bar: { expectReplicable: false, readiness: { handler: 'httpGet', path: '/login', port: 8080 } },
  },
  {
    name: 'Redash box behind an Elastic IP',
    estate: () => estate().instance('redash', { eip: true, ports: [22, 80, 443] }),
    workload: 'redash',
    bar: { expectReplicable: true, deregistrationDelaySeconds: 30, readiness: { handler: 'httpGet', path: '/ping', port: 5000 } },
  },
  {
    name: 'shared storage by decision (EFS)',
    estate: () => estate().instance('uploads', { dataVolumes: [50], ports: [8080] }),
    workload: 'uploads',
    decision: { class: 'replicable-shared-storage', replicas: 2 },
    bar: { expectReplicable: true, readiness: { handler: 'tcpSocket', port: 8080 } },
  },
  {
    name: 'a workload id longer than a Helm release name, with its own security group rule',
    estate: () => estate().instance('payments-reconciliation-nightly-batch-worker-eu-central', { ports: [8080] }).patch('payments-reconciliation-nightly-batch-worker-eu-central', (i) => void i),
    workload: 'payments-reconciliation-nightly-batch-worker-eu-central',
    bar: { expectReplicable: true, readiness: { handler: 'tcpSocket', port: 8080 } },
  },
  {
    name: 'autoscaling and a singleton by decision',
    estate: () => alb({ port: 8080, healthCheck: { path: '/healthz' } }),
    workload: 'web',
    decision: { replicas: 1, image: { repository: 'registry.example.com/web', tag: '1.0.0' } },
    bar: { expectReplicable: false, deregistrationDelaySeconds: 300, readiness: { handler: 'httpGet', path: '/healthz', port: 8080 } },
  },
];

beforeAll(async () => {
  await helmBin();
}, 300_000);

describe.concurrent('exported values render with the real chart and clear the HA bar', () => {
  it.each(cases)('$name', async (c) => {
    const { plan } = await planOf(c.estate(), c.workload, { decision: c.decision });
    const manifests = await render(plan, c.name.replace(/[^a-z0-9]+/gi, '-'));
    expect(checkHaBar(manifests, c.bar)).toEqual([]);
    if (c.kinds) expect(manifests.map((m) => String((m as { kind: string }).kind)).sort()).toEqual(c.kinds);
  }, 120_000);
});

const demoPath = paths.demoSnapshot;

describe.skipIf(!existsSync(demoPath))('the demo estate', () => {
  it('every workload renders, validates and clears the HA bar; Redash, Jenkins and PostgreSQL come out as promised', async () => {
    const snapshot = await readSnapshot(demoPath);
    const { model, findings } = assessSnapshot(snapshot, await loadRules([paths.rules]));
    const catalog = await apps();
    const plans = model.workloads.map((w) => mapWorkload(model, w, findings, undefined, undefined, { apps: catalog }));
    expect(plans.length).toBeGreaterThanOrEqual(6);
    for (const plan of plans) {
      const manifests = await render(plan, `demo-${plan.workloadId}`);
      expect(checkHaBar(manifests, { expectReplicable: plan.class !== 'singleton' }), plan.workloadId).toEqual([]);
    }
    const byApp = (id: string) => plans.filter((p) => p.app?.id === id);
    const [redash] = byApp('redash');
    expect(redash, 'a Redash workload').toBeDefined();
    expect(redash!.replicas).toBeGreaterThanOrEqual(2);
    expect(redash!.tasks?.find((t) => t.kind === 'state')?.detail).toMatch(/PostgreSQL[\s\S]*Redis/);
    for (const id of ['jenkins', 'postgresql']) {
      const [plan] = byApp(id);
      expect(plan, `a ${id} workload`).toBeDefined();
      expect(plan!.class).toBe('singleton');
      expect(plan!.tasks?.find((t) => t.kind === 'singleton')?.detail).toContain(plan!.app!.remedy!.slice(0, 40));
    }
  }, 300_000);
});
