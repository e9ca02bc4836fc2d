/**
 * The decision fields against the real resolver and mapping: what the screen
 * shows is what the mapping plans, and a change the mapping would override is
 * refused with the mapping's reason.
 */
import { describe, expect, it } from 'vitest';
import type { WorkloadDecision } from '../../../../src/mapping/types.js';
import { applyText, checkRepository, fieldViews, resetField, startText, toggleField, type FieldContext, type FieldId } from '../../../../src/ui/screens/decisions/fields.js';
import { realModel, realServices } from '../../fixtures.js';

const model = realModel();
const services = realServices(model);

function ctx(id: string, decision?: WorkloadDecision): FieldContext {
  const workload = model.workloads.find((w) => w.id === id)!;
  const plan = (d: WorkloadDecision | undefined) => services.planFor(workload, [], d, undefined);
  return { base: plan(undefined), current: plan(decision), decision, planWith: plan };
}

const view = (c: FieldContext, id: FieldId) => fieldViews(c).find((f) => f.id === id)!;
const decided = (result: ReturnType<typeof applyText>) => ('decision' in result ? result.decision : `refused: ${result.error}`);

describe('decision fields on real plans', () => {
  it('shows each field with its value, its default, and why, from the plan provenance', () => {
    const c = ctx('checkout-asg');
    const replicas = view(c, 'replicas');
    expect(replicas).toMatchObject({ value: '2', defaultValue: '2', decided: false, source: 'AWS Auto Scaling group checkout-asg · DesiredCapacity' });
    expect(replicas.why).toContain('raised to 2');
    expect(view(c, 'class')).toMatchObject({ value: 'replicable', input: 'choice' });
    expect(view(c, 'ingressClass').value).toBe('alb');
    expect(view(c, 'include').why).toContain('skip it');
    expect(view(c, 'minReplicas')).toMatchObject({ value: '—', inactive: expect.stringContaining('Autoscaling is off') });
  });

  it('toggles include and kind, and records only what differs from the default', () => {
    expect(toggleField(ctx('web'), 'include')).toEqual({ decision: { include: false } });
    expect(toggleField(ctx('web', { include: false }), 'include')).toEqual({ decision: undefined });
    expect(toggleField(ctx('web'), 'kind')).toEqual({ decision: { kind: 'StatefulSet' } });
    expect(toggleField(ctx('web', { kind: 'StatefulSet', note: 'keeps sessions' }), 'kind')).toEqual({ decision: { note: 'keeps sessions' } });
  });

  it('takes typed replicas, refuses what is not a count, and drops a value equal to the default', () => {
    expect(decided(applyText(ctx('web'), 'replicas', '5'))).toEqual({ replicas: 5 });
    expect(decided(applyText(ctx('web', { replicas: 5 }), 'replicas', '3'))).toBeUndefined();
    expect(decided(applyText(ctx('web'), 'replicas', 'two'))).toBe('refused: Replicas must be a whole number from 1 to 1000.');
    expect(decided(applyText(ctx('web'), 'replicas', '2.5'))).toContain('whole number');
    expect(decided(applyText(ctx('web'), 'replicas', '0'))).toContain('Include in export');
    expect(decided(applyText(ctx('web'), 'replicas', '1001'))).toBe('refused: Replicas must be from 1 to 1000.');
  });

  it('turns one replica into a singleton, and warns that it is a single point of failure', () => {
    const one = applyText(ctx('web'), 'replicas', '1');
    expect(decided(one)).toEqual({ replicas: 1 });
    const c = ctx('web', { replicas: 1 });
    expect(view(c, 'class').value).toBe('singleton');
    expect(view(c, 'replicas').warning).toContain('single point of failure');
    // A singleton made by asking for one replica can be given replicas again.
    expect(decided(applyText(c, 'replicas', '3'))).toBeUndefined();
  });

  it('does not let a singleton kubelift chose take replicas or autoscaling until its class changes', () => {
    const c = ctx('reports');
    expect(c.base.class).toBe('singleton');
    expect(view(c, 'replicas').inactive).toContain('singleton');
    expect(decided(applyText(c, 'replicas', '3'))).toContain('planned as a singleton');
    expect(toggleField(c, 'autoscaling')).toEqual({ error: expect.stringContaining('singleton') });
    const next = toggleField(c, 'class');
    expect(next).toEqual({ decision: { class: 'replicable' } });
    const replicable = ctx('reports', { class: 'replicable' });
    expect(decided(applyText(replicable, 'replicas', '3'))).toEqual({ class: 'replicable', replicas: 3 });
  });

  it('turns autoscaling on and keeps its bounds in order, as the mapping does', () => {
    const on = toggleField(ctx('web'), 'autoscaling');
    expect(on).toEqual({ decision: { autoscaling: { enabled: true } } });
    const c = ctx('web', { autoscaling: { enabled: true } });
    expect(view(c, 'replicas').inactive).toContain('HPA minimum');
    const max = Number(view(c, 'maxReplicas').value);
    expect(decided(applyText(c, 'minReplicas', '1'))).toContain('from 2 to 1000, so that one pod can fail');
    expect(decided(applyText(c, 'minReplicas', String(max)))).toBe(`refused: The HPA minimum must be below its maximum (${max}); raise the maximum first.`);
    expect(decided(applyText(c, 'maxReplicas', '12'))).toEqual({ autoscaling: { enabled: true, maxReplicas: 12 } });
    expect(decided(applyText(c, 'minReplicas', String(max - 1)))).toEqual({ autoscaling: { enabled: true, minReplicas: max - 1 } });
    expect(toggleField(c, 'autoscaling')).toEqual({ decision: undefined });
  });

  it('checks ingress classes as DNS names', () => {
    expect(decided(applyText(ctx('web'), 'ingressClass', 'nginx'))).toEqual({ ingressClass: 'nginx' });
    expect(decided(applyText(ctx('web'), 'ingressClass', ''))).toContain('Type the IngressClass');
    expect(decided(applyText(ctx('web'), 'ingressClass', 'Nginx_Public'))).toContain('DNS name');
  });

  it('checks image repositories and tags, and never takes "latest"', () => {
    const repo = '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web';
    expect(decided(applyText(ctx('web'), 'imageRepository', repo))).toEqual({ image: { repository: repo } });
    const withRepo = ctx('web', { image: { repository: repo } });
    expect(decided(applyText(withRepo, 'imageTag', '1.4.2'))).toEqual({ image: { repository: repo, tag: '1.4.2' } });
    expect(decided(applyText(withRepo, 'imageTag', 'latest'))).toContain('Pin a version');
    expect(decided(applyText(withRepo, 'imageTag', '-bad'))).toContain('tag');
    expect(checkRepository('shop/web:1.2')).toContain('without a tag');
    expect(checkRepository('localhost:5000/shop/web')).toBeUndefined();
    expect(checkRepository('registry.example.com:5000/shop/web:1.2')).toContain('without a tag');
    expect(checkRepository('Shop/Web')).toContain('"Shop"');
    expect(checkRepository('shop/web@sha256:abc')).toContain('digest');
    expect(checkRepository('')).toContain('required');
    expect(checkRepository('shop web')).toContain('no spaces');
  });

  it('resets one field and keeps the others', () => {
    expect(resetField(ctx('web', { replicas: 5, ingressClass: 'nginx' }), 'replicas')).toEqual({ ingressClass: 'nginx' });
    expect(resetField(ctx('web', { replicas: 5 }), 'replicas')).toBeUndefined();
    expect(resetField(ctx('web', { autoscaling: { enabled: true, maxReplicas: 9 } }), 'maxReplicas')).toEqual({ autoscaling: { enabled: true } });
  });

  it('starts typing from the value in the plan', () => {
    expect(startText(ctx('web'), 'replicas')).toBe('3');
    expect(startText(ctx('web'), 'minReplicas')).toBe('');
  });
});
