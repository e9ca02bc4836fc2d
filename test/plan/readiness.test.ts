import { describe, expect, it } from 'vitest';
import { estatePlans, kubernetesSummaries, kubernetesSummary, planEstate } from '../../src/plan/estate-plans.js';
import { scoreReadiness } from '../../src/plan/readiness.js';
import { resolve } from '../../src/model/resolve.js';
import { estate } from '../helpers/estate-builder.js';
import { apps, planOf } from '../mapping/helpers.js';

describe('readiness', () => {
  it('an ASG behind an ALB with only the image to build is nearly ready', async () => {
    const e = estate().asg('web', { desired: 2, targetGroups: ['web-tg'] }).targetGroup('web-tg', { port: 8080 }).alb('web-alb', { targetGroups: ['web-tg'] });
    const { plan } = await planOf(e, 'web');
    const r = scoreReadiness(plan);
    expect(r.deductions[0]).toEqual({ points: 15, reason: 'Build a container image for web' });
    expect(r.score).toBe(100 - r.deductions.reduce((n, d) => n + d.points, 0));
    expect(r.score).toBeGreaterThanOrEqual(75);
  });

  it('a singleton database with data to carry over is blocked, and says why', async () => {
    const { plan } = await planOf(estate().instance('orders-db', { dataVolumes: [100], ports: [5432] }), 'orders-db');
    const r = scoreReadiness(plan);
    expect(r.label).toBe('blocked');
    expect(r.reasons.join(' ')).toMatch(/single pod/);
    expect(r.reasons.join(' ')).toMatch(/data of vol-/);
    // Reasons are ordered by weight.
    expect(r.deductions.map((d) => d.points)).toEqual([...r.deductions.map((d) => d.points)].sort((a, b) => b - a));
  });

  it('the Redash box scores lower than a stateless group because its state must move first', async () => {
    const e = estate().instance('redash', { eip: true, ports: [80] }).asg('web', { desired: 2 });
    const redash = scoreReadiness((await planOf(e, 'redash')).plan);
    const web = scoreReadiness((await planOf(e, 'web')).plan);
    expect(redash.score).toBeLessThan(web.score);
    expect(redash.reasons[0]).toMatch(/^−25 Move Redash's state/);
  });
});

describe('estate plans', () => {
  it('maps every workload, drops those plan.yaml leaves out, and summarises each for the report', async () => {
    const snapshot = estate().asg('web', { desired: 2 }).instance('redash', {}).instance('scratch', {}).build();
    const model = resolve(snapshot);
    const plans = planEstate(model, [], { version: 1, workloads: { scratch: { include: false }, web: { replicas: 4 } } }, await apps());
    expect(plans.map((p) => p.workloadId)).toEqual(['redash', 'web']);
    expect(plans[1]?.replicas).toBe(4);
    const summary = kubernetesSummary(plans[0]!);
    expect(summary).toMatchObject({ kind: 'Deployment', class: 'replicable', app: { id: 'redash', name: 'Redash' }, readiness: { label: expect.any(String) } });
    expect((summary.todo as { kind: string }[]).some((t) => t.kind === 'state')).toBe(true);
  });

  it('gives the plans one at a time, and the report\'s summaries without keeping a plan', async () => {
    const model = resolve(estate().asg('web', { desired: 2, targetGroups: ['web-tg'] }).targetGroup('web-tg', { port: 8080 }).alb('web-alb', { targetGroups: ['web-tg'] }).instance('redash', { eip: true, ports: [80] }).instance('orders-db', { dataVolumes: [100], ports: [5432] }).build());
    const catalog = await apps();
    const plans = planEstate(model, [], undefined, catalog);
    expect([...estatePlans(model, [], undefined, catalog)]).toEqual(plans);
    const summaries = kubernetesSummaries(model, catalog);
    expect([...summaries.keys()].sort()).toEqual(plans.map((p) => p.workloadId));
    for (const plan of plans) expect(summaries.get(plan.workloadId)).toEqual(kubernetesSummary(plan));
  });
});
