import { describe, expect, it } from 'vitest';
import { createDerive, decisionKey } from '../../src/ui/derive.js';
import { fixtureData, fixtureModel, fixtureServices, fixtureWorkloads } from './fixtures.js';

describe('derive', () => {
  it('filters on every word and sorts by risk, name, readiness and class', () => {
    const data = fixtureData();
    const derive = createDerive(data, fixtureServices());
    for (const w of data.workloads) derive.insight(w.id, undefined);
    expect(derive.visible('', 'risk', {})).toEqual(['checkout-api', 'reports-worker', 'web-frontend']);
    expect(derive.visible('', 'readiness', {})).toEqual(['checkout-api', 'reports-worker', 'web-frontend']);
    expect(derive.visible('', 'class', {})).toEqual(['reports-worker', 'checkout-api', 'web-frontend']);
    expect(derive.visible('spof', 'risk', {})).toEqual(['checkout-api', 'reports-worker']);
    expect(derive.visible('us-east-1 web', 'risk', {})).toEqual(['web-frontend']);
    expect(derive.visible('nothing-like-this', 'risk', {})).toEqual([]);
  });

  it('sorts by name, not id', () => {
    const workloads = fixtureWorkloads().map((w) => (w.id === 'web-frontend' ? { ...w, name: 'a-shop-web' } : w));
    const derive = createDerive(fixtureData({ model: fixtureModel(undefined, workloads) }), fixtureServices());
    expect(derive.visible('', 'name', {})).toEqual(['web-frontend', 'checkout-api', 'reports-worker']);
  });

  it('puts workloads not planned yet last when sorting by readiness or class, and sorts again as plans arrive', () => {
    const derive = createDerive(fixtureData(), fixtureServices());
    expect(derive.visible('', 'readiness', {})).toEqual(['checkout-api', 'reports-worker', 'web-frontend']);
    derive.insight('web-frontend', undefined);
    expect(derive.visible('', 'readiness', {})).toEqual(['web-frontend', 'checkout-api', 'reports-worker']);
    derive.insight('reports-worker', undefined);
    expect(derive.visible('', 'class', {})).toEqual(['reports-worker', 'web-frontend', 'checkout-api']);
  });

  it('sorts by readiness with the decisions applied', () => {
    const data = fixtureData();
    const derive = createDerive(data, fixtureServices());
    const decisions = { 'web-frontend': { replicas: 1 }, 'reports-worker': { class: 'replicable' as const, replicas: 2 } };
    for (const w of data.workloads) derive.insight(w.id, decisions[w.id as keyof typeof decisions]);
    // One replica lowers the fixture's readiness by 20, a second lifts it: web-frontend and reports-worker swap.
    expect(derive.visible('', 'readiness', decisions)).toEqual(['checkout-api', 'web-frontend', 'reports-worker']);
    expect(derive.insight('web-frontend', { replicas: 1 }).readiness?.score).toBe(70);
    expect(derive.insight('web-frontend', undefined).readiness?.score).toBe(90);
  });

  it('computes each plan once and keeps default and decided values apart', () => {
    let calls = 0;
    const services = fixtureServices();
    const derive = createDerive(fixtureData(), { ...services, planFor: (...args) => (calls++, services.planFor(...args)) });
    derive.plan('web-frontend', undefined);
    derive.plan('web-frontend', undefined);
    expect(calls).toBe(1);
    const decided = derive.values('web-frontend', { replicas: 5 });
    const base = derive.values('web-frontend', undefined);
    expect(decided).toContain('replicaCount: 5');
    expect(base).toContain('replicaCount: 3');
    expect(derive.values('web-frontend', { replicas: 5 })).toBe(decided);
  });

  it('turns a mapping failure into a message instead of a crash', () => {
    const derive = createDerive(fixtureData(), { ...fixtureServices(), planFor: () => { throw new Error('no port for target group'); } });
    expect(derive.plan('web-frontend', undefined)).toEqual({ error: 'no port for target group' });
    expect(derive.insight('web-frontend', undefined).error).toBe('no port for target group');
    expect(derive.values('web-frontend', undefined)).toBe('');
  });

  it('keys decisions by content, whatever the field order', () => {
    expect(decisionKey({ replicas: 2, include: true })).toBe(decisionKey({ include: true, replicas: 2 }));
    expect(decisionKey({})).toBe('');
    expect(decisionKey(undefined)).toBe('');
  });
});
