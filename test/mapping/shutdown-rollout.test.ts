import { describe, expect, it } from 'vitest';
import { estate } from '../helpers/estate-builder.js';
import { at, planOf } from './helpers.js';

const behindAlb = (attributes: Record<string, string>) =>
  estate().asg('web', { desired: 2, targetGroups: ['web-tg'] }).targetGroup('web-tg', { attributes }).alb('web-alb', { targetGroups: ['web-tg'] });

describe('graceful shutdown', () => {
  it('preStop covers deregistration propagation and the grace period covers the deregistration delay', async () => {
    const { plan } = await planOf(behindAlb({ 'deregistration_delay.timeout_seconds': '60' }), 'web');
    expect(at(plan.values, 'lifecycle.preStop.sleep.seconds')).toBe(30);
    expect(plan.values.terminationGracePeriodSeconds).toBe(70);
    expect(plan.provenance.terminationGracePeriodSeconds).toMatchObject({ source: 'aws', field: 'deregistration_delay.timeout_seconds' });
  });

  it('a short delay still gets a 15 s preStop, and the grace period stays above it', async () => {
    const { plan } = await planOf(behindAlb({ 'deregistration_delay.timeout_seconds': '5' }), 'web');
    expect(at(plan.values, 'lifecycle.preStop.sleep.seconds')).toBe(15);
    expect(plan.values.terminationGracePeriodSeconds).toBe(25);
  });

  it('caps the grace period at 600 s and lowers the carried-over delay below it', async () => {
    const { plan } = await planOf(behindAlb({ 'deregistration_delay.timeout_seconds': '3600' }), 'web');
    expect(plan.values.terminationGracePeriodSeconds).toBe(600);
    expect(at(plan.values, 'ingress', 'annotations', 'alb.ingress.kubernetes.io/target-group-attributes')).toBe('deregistration_delay.timeout_seconds=590');
    expect(plan.warnings?.join(' ')).toMatch(/600/);
  });

  it('a terminating lifecycle hook extends the grace period and asks for its drain work in preStop', async () => {
    const e = estate().asg('worker', { desired: 2, lifecycleHooks: ['drain'] }).patch('worker', () => undefined);
    const s = e.build();
    s.resources['AWS::AutoScaling::LifecycleHook']![0]!.HeartbeatTimeout = 900;
    const { plan } = await planOf(s, 'worker');
    expect(plan.values.terminationGracePeriodSeconds).toBe(600);
    expect(plan.tasks?.find((t) => t.id === 'terminating-hook')?.title).toMatch(/drain/);
  });

  it('without a load balancer a short preStop is enough', async () => {
    const { plan } = await planOf(estate().instance('batch', {}), 'batch');
    expect(at(plan.values, 'lifecycle.preStop.sleep.seconds')).toBe(10);
    expect(plan.values.terminationGracePeriodSeconds).toBe(20);
  });
});

describe('rollout', () => {
  it('defaults to a surge rollout that never drops below capacity', async () => {
    const { plan } = await planOf(estate().asg('api', { desired: 2 }), 'api');
    expect(plan.values.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
  });

  it('follows the group\'s instance maintenance policy and warmup', async () => {
    const e = estate().asg('api', { desired: 4 }).patch('api', (g) => {
      g.InstanceMaintenancePolicy = { MinHealthyPercentage: 75, MaxHealthyPercentage: 125 };
      g.DefaultInstanceWarmup = 90;
    });
    const { plan } = await planOf(e, 'api');
    expect(plan.values.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(plan.values.minReadySeconds).toBe(90);
    expect(plan.provenance['strategy.rollingUpdate.maxUnavailable']).toMatchObject({ field: 'InstanceMaintenancePolicy.MinHealthyPercentage' });
  });

  it('never leaves both maxUnavailable and maxSurge at zero', async () => {
    const e = estate().asg('api', { desired: 2 }).patch('api', (g) => void (g.InstanceRefreshes = [{ StartTime: '2025-06-01T00:00:00Z', Preferences: { MinHealthyPercentage: 90, MaxHealthyPercentage: 100, InstanceWarmup: 600 } }]));
    const { plan } = await planOf(e, 'api');
    expect(plan.values.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 1 } });
    expect(plan.values.minReadySeconds).toBe(300);
  });

  it('a StatefulSet rolls member by member', async () => {
    const { plan } = await planOf(estate().instance('ledger', { dataVolumes: [10] }), 'ledger', { detect: false });
    expect(plan.values.updateStrategy).toEqual({ type: 'RollingUpdate' });
  });
});
