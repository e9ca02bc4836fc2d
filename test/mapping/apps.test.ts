import { describe, expect, it } from 'vitest';
import { collectEvidence, detectApp, mayRunCatalogApp, scoreApp, type AppEvidence } from '../../src/mapping/apps.js';
import type { AppDefinition } from '../../src/mapping/types.js';
import { gatherSources } from '../../src/mapping/workload-sources.js';
import { resolve } from '../../src/model/resolve.js';
import { paths } from '../../src/paths.js';
import { readSnapshot } from '../../src/snapshot/read-write.js';
import { estate } from '../helpers/estate-builder.js';
import { apps, planOf } from './helpers.js';

const evidence = (over: Partial<AppEvidence>): AppEvidence => ({ names: [], tags: [], ami: [], ports: [], healthCheckPaths: [], hasDataVolumes: false, ...over });

describe('known-application detection', () => {
  it('recognises Redash from its name alone, with the evidence and the upstream chart', async () => {
    const found = detectApp(evidence({ names: ['redash-prod'] }), await apps());
    expect(found?.app.id).toBe('redash');
    expect(found?.app.evidence).toEqual(['name "redash-prod" matches /redash/']);
    expect(found?.app.chart).toEqual({ repository: 'https://getredash.github.io/contrib-helm-chart', name: 'redash', version: '4.0.1' });
    expect(found?.app.traits.bundledState.length).toBeGreaterThan(0);
  });

  it('recognises an application from its health check path and port together, not from a port alone', async () => {
    const catalog = await apps();
    expect(detectApp(evidence({ ports: [3000] }), catalog)).toBeUndefined();
    expect(detectApp(evidence({ ports: [5432] }), catalog)).toBeUndefined();
    expect(detectApp(evidence({ ports: [5432], hasDataVolumes: true, names: ['orders-db'] }), catalog)?.app.id).toBe('postgresql');
    expect(detectApp(evidence({ healthCheckPaths: ['/v1/sys/health'], ports: [8200] }), catalog)?.app.id).toBe('vault');
  });

  it('tells Grafana and Metabase apart by name although they share port and health path', async () => {
    const catalog = await apps();
    const shared = { ports: [3000], healthCheckPaths: ['/api/health'] };
    expect(detectApp(evidence({ ...shared }), catalog)).toBeUndefined();
    expect(detectApp(evidence({ ...shared, names: ['bi-metabase'] }), catalog)?.app.id).toBe('metabase');
    expect(detectApp(evidence({ ...shared, tags: [{ key: 'Application', value: 'Grafana' }] }), catalog)?.app.id).toBe('grafana');
  });

  it('reads the AMI name when the snapshot carries it', async () => {
    expect(detectApp(evidence({ ami: ['bitnami-jenkins-2.452.1-0-linux-debian-12-x86_64-hvm-ebs-nami'] }), await apps())?.app.id).toBe('jenkins');
  });

  it('sums the weights of distinct matched signals against the threshold', () => {
    const app: AppDefinition = {
      id: 'x', name: 'X', haClass: 'replicable', bundledState: [], chart: { repository: 'https://x', name: 'x' }, haValues: {}, notes: [],
      signals: [{ kind: 'port', port: 1, weight: 30 }, { kind: 'port', port: 2, weight: 30 }, { kind: 'name', pattern: 'x', weight: 10 }],
    };
    expect(scoreApp(app, evidence({ ports: [1] })).score).toBe(30);
    expect(detectApp(evidence({ ports: [1] }), [app])).toBeUndefined();
    expect(detectApp(evidence({ ports: [1, 2] }), [app])?.app.score).toBe(60);
  });

  it('matches each pattern on its own terms when the catalog\'s patterns are screened together', () => {
    const app = (id: string, pattern: string): AppDefinition => ({
      id, name: id, haClass: 'replicable', bundledState: [], chart: { repository: 'https://x', name: id }, haValues: {}, notes: [],
      signals: [{ kind: 'name', pattern, weight: 60 }],
    });
    // A back-reference cannot be joined with other patterns: its entry is still scored alone.
    const catalog = [app('doubled', '(ab)\\1'), app('plain', '^web$')];
    expect(detectApp(evidence({ names: ['xababx'] }), catalog)?.app.id).toBe('doubled');
    expect(detectApp(evidence({ names: ['xabx'] }), catalog)).toBeUndefined();
    expect(detectApp(evidence({ names: ['WEB'] }), catalog)?.app.id).toBe('plain');
    expect(detectApp(evidence({ names: ['webs'] }), catalog)).toBeUndefined();
    // Anchors and alternations keep their meaning inside the joined screen.
    const joined = [app('a', '^api$|^www$'), app('b', 'db$')];
    expect(detectApp(evidence({ names: ['www'] }), joined)?.app.id).toBe('a');
    expect(detectApp(evidence({ names: ['xwww'] }), joined)).toBeUndefined();
    expect(detectApp(evidence({ names: ['orders-db'] }), joined)?.app.id).toBe('b');
  });

  it('finds the signals on a real workload: names, tags, target group ports and health check paths', async () => {
    const e = estate()
      .asg('bi', { desired: 2, targetGroups: ['bi-tg'], tags: { Application: 'metabase' } })
      .targetGroup('bi-tg', { port: 3000, healthCheck: { path: '/api/health' } })
      .alb('bi-alb', { targetGroups: ['bi-tg'] });
    const { plan } = await planOf(e, 'bi');
    expect(plan.app?.id).toBe('metabase');
    expect(plan.app?.evidence).toEqual(expect.arrayContaining(['tag Application=metabase matches /metabase/', 'health check path /api/health', 'port 3000 is open or load balanced']));
    expect(plan.values.commonAnnotations).toMatchObject({ 'kubelift/app': 'metabase' });
    expect(plan.tasks?.map((t) => t.id)).toEqual(expect.arrayContaining(['bundled-state', 'upstream-chart']));
  });

  it('detects nothing without a catalog', async () => {
    const { plan } = await planOf(estate().instance('redash'), 'redash', { detect: false });
    expect(plan.app).toBeUndefined();
  });
});

describe('ruling out the catalog before collecting evidence', () => {
  it('never rules out a workload the detector recognises, and rules out those that run nothing known', async () => {
    const catalog = await apps();
    const model = resolve(await readSnapshot(paths.demoSnapshot));
    const outcomes = model.workloads.map((w) => {
      const sources = gatherSources(model, w);
      return { may: mayRunCatalogApp(sources, catalog), detected: detectApp(collectEvidence(sources), catalog) !== undefined };
    });
    expect(outcomes.some((o) => o.detected)).toBe(true);
    expect(outcomes.some((o) => !o.may)).toBe(true);
    for (const o of outcomes) if (o.detected) expect(o.may).toBe(true);
  });
});
