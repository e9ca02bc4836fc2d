import { describe, expect, it } from 'vitest';
import { estate } from '../helpers/estate-builder.js';
import { planOf } from './helpers.js';

describe('honest HA class', () => {
  it('an Auto Scaling group is replicable: a Deployment with at least two replicas', async () => {
    const { plan } = await planOf(estate().asg('api', { desired: 1, min: 1, max: 1 }), 'api');
    expect(plan).toMatchObject({ class: 'replicable', kind: 'Deployment', replicas: 2 });
    expect(plan.values.replicaCount).toBe(2);
    expect(plan.provenance.replicaCount).toMatchObject({ source: 'aws', field: 'DesiredCapacity' });
    expect(plan.provenance.replicaCount?.reason).toMatch(/raised to 2/);
  });

  it('keeps a larger desired capacity', async () => {
    const { plan } = await planOf(estate().asg('api', { desired: 5, min: 5, max: 5 }), 'api');
    expect(plan.replicas).toBe(5);
  });

  it('a stateless standalone instance becomes two replicas', async () => {
    const { plan } = await planOf(estate().instance('batch', {}), 'batch');
    expect(plan).toMatchObject({ class: 'replicable', kind: 'Deployment', replicas: 2 });
  });

  it('an unknown instance with a data volume is a singleton StatefulSet with its remedy, not faked with replicas', async () => {
    const { plan } = await planOf(estate().instance('ledger', { dataVolumes: [200] }), 'ledger', { detect: false });
    expect(plan).toMatchObject({ class: 'singleton', kind: 'StatefulSet', replicas: 1 });
    expect(plan.values.kubelift).toMatchObject({ haClass: 'singleton' });
    expect(plan.values.strategy).toBeUndefined();
    expect(plan.values.autoscaling).toEqual({ enabled: false });
    expect(plan.tasks?.find((t) => t.kind === 'singleton')?.detail).toMatch(/managed service|operator|EFS/);
  });

  it('instances that each keep a data volume are clustered by the application: three members', async () => {
    const e = estate()
      .instance('search-1', { zone: 'us-east-1a', dataVolumes: [100], targetGroups: ['search-tg'] })
      .instance('search-2', { zone: 'us-east-1b', dataVolumes: [100], targetGroups: ['search-tg'] })
      .targetGroup('search-tg', { port: 7000 })
      .alb('search-alb', { targetGroups: ['search-tg'] });
    const { plan, model } = await planOf(e, 'search', { detect: false });
    expect(model.workloads).toHaveLength(1);
    expect(plan).toMatchObject({ class: 'app-clustered', kind: 'StatefulSet', replicas: 3 });
    expect(plan.values.kubelift).toMatchObject({ haClass: 'appClustered' });
    expect(plan.tasks?.find((t) => t.id === 'app-clustering')?.blocking).toBe(true);
  });

  it('a Jenkins controller is a singleton with its JENKINS_HOME on a volume', async () => {
    const { plan } = await planOf(estate().instance('jenkins', { ports: [8080, 50000] }), 'jenkins');
    expect(plan).toMatchObject({ class: 'singleton', kind: 'StatefulSet', replicas: 1 });
    expect(plan.app?.id).toBe('jenkins');
    expect(plan.values.persistence).toMatchObject({ enabled: true, mountPath: '/var/jenkins_home', size: '50Gi' });
    expect(plan.tasks?.find((t) => t.kind === 'singleton')?.detail).toMatch(/agents/);
  });

  it('a decision can record the class (files moved to EFS) and the replica count', async () => {
    const e = estate().instance('uploads', { dataVolumes: [50] });
    const { plan } = await planOf(e, 'uploads', { detect: false, decision: { class: 'replicable-shared-storage', replicas: 3 } });
    expect(plan).toMatchObject({ class: 'replicable-shared-storage', kind: 'Deployment', replicas: 3, decided: true });
    expect(plan.values.persistence).toMatchObject({ enabled: true, accessModes: ['ReadWriteMany'], storageClass: 'kubelift-efs' });
    expect(plan.provenance['kubelift.haClass']).toMatchObject({ source: 'decision' });
  });

  it('a decision of one replica makes a singleton rather than breaking the HA bar', async () => {
    const { plan } = await planOf(estate().asg('api', { desired: 3 }), 'api', { decision: { replicas: 1 } });
    expect(plan).toMatchObject({ class: 'singleton', replicas: 1 });
    expect(plan.values.strategy).toEqual({ type: 'Recreate' });
  });

  it('a group scaled to zero and a stopped instance still get an HA plan, sized by placeholders', async () => {
    const e = estate().asg('nightly', { desired: 0, min: 0, max: 4 }).instance('spare', { state: 'stopped' });
    const nightly = await planOf(e, 'nightly');
    expect(nightly.plan).toMatchObject({ class: 'replicable', replicas: 2 });
    expect(nightly.plan.tasks?.map((t) => t.id)).toContain('resources');
    const spare = await planOf(e, 'spare');
    expect(spare.plan.replicas).toBe(2);
  });
});
