import { describe, expect, it } from 'vitest';
import { burstableBaseline, formatCpu, formatMemory, survivingReplicas } from '../../src/mapping/resources.js';
import { storageClassFor } from '../../src/mapping/storage.js';
import { estate } from '../helpers/estate-builder.js';
import { at, planOf } from './helpers.js';

const volume = (over: Record<string, unknown>) => ({ accountId: '1', region: 'r', ...over });

describe('storage classes from EBS volumes', () => {
  it('moves gp2 to gp3 with at least its baseline IOPS and throughput', () => {
    expect(storageClassFor(volume({ VolumeType: 'gp2', Size: 100 }), true).parameters).toEqual({ 'csi.storage.k8s.io/fstype': 'ext4', encrypted: 'false', iops: '3000', throughput: '125', type: 'gp3' });
    expect(storageClassFor(volume({ VolumeType: 'gp2', Size: 2000 }), true).parameters).toMatchObject({ type: 'gp3', iops: '6000', throughput: '250' });
    expect(storageClassFor(volume({ VolumeType: 'gp2', Size: 8000 }), true).parameters.iops).toBe('16000');
  });

  it('copies gp3, io1/io2 performance and encryption with its key', () => {
    const gp3 = storageClassFor(volume({ VolumeType: 'gp3', Size: 50, Iops: 6000, Throughput: 500, Encrypted: true, KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' }), false);
    expect(gp3.parameters).toMatchObject({ type: 'gp3', iops: '6000', throughput: '500', encrypted: 'true', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' });
    expect(gp3.reclaimPolicy).toBe('Delete');
    expect(gp3.name).toMatch(/^kubelift-gp3-6000iops-500mibps-kms-[0-9a-f]{8}$/);
    expect(storageClassFor(volume({ VolumeType: 'io2', Size: 100, Iops: 20000 }), true).parameters).toMatchObject({ type: 'io2', iops: '20000' });
    expect(storageClassFor(volume({ VolumeType: 'st1', Size: 500 }), true).parameters.type).toBe('st1');
    expect(storageClassFor(volume({ VolumeType: 'standard', Size: 10 }), true).parameters.type).toBe('gp3');
  });
});

describe('persistence', () => {
  it('a stateful singleton gets a volumeClaimTemplate from its data volume and tasks to copy the data', async () => {
    const e = estate().instance('ledger', { dataVolumes: [250] }).patch('ledger', () => undefined);
    const s = e.build();
    const data = s.resources['AWS::EC2::Volume']!.find((v) => v.Size === 250)!;
    Object.assign(data, { VolumeType: 'gp2', Encrypted: false });
    const { plan } = await planOf(s, 'ledger', { detect: false });
    expect(plan.values.persistence).toMatchObject({ enabled: true, size: '250Gi', accessModes: ['ReadWriteOnce'], mountPath: '/data', retentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' } });
    // 250 GiB of gp2: 750 baseline IOPS rise to gp3's 3000, and its 250 MiB/s throughput is kept.
    expect(plan.storageClasses).toEqual([expect.objectContaining({ name: 'kubelift-gp3-250mibps-retain', reclaimPolicy: 'Retain', parameters: expect.objectContaining({ type: 'gp3', iops: '3000', throughput: '250', encrypted: 'false' }) })]);
    expect(at(plan.values, 'persistence.storageClass')).toBe(plan.storageClasses?.[0]?.name);
    expect(plan.tasks?.map((t) => t.id)).toEqual(expect.arrayContaining(['copy-data', 'mount-path']));
  });

  it('further data volumes become extra claim templates with placeholder mounts', async () => {
    const { plan } = await planOf(estate().instance('ledger', { dataVolumes: [100, 20] }), 'ledger', { detect: false });
    expect(at(plan.values, 'persistence.extraVolumeClaimTemplates')).toEqual([{ metadata: { name: 'data-1' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'kubelift-gp3-encrypted-retain', resources: { requests: { storage: '20Gi' } } } }]);
    expect(plan.values.volumeMounts).toEqual([{ name: 'data-1', mountPath: '/data-1' }]);
  });

  it('a known application mounts its data where the application keeps it', async () => {
    const { plan } = await planOf(estate().instance('postgres-main', { dataVolumes: [100], ports: [5432] }), 'postgres-main');
    expect(plan.app?.id).toBe('postgresql');
    expect(at(plan.values, 'persistence.mountPath')).toBe('/var/lib/postgresql/data');
    expect(plan.tasks?.map((t) => t.id)).not.toContain('mount-path');
  });

  it('volumes deleted with their instance are scratch space, not state', async () => {
    const { plan } = await planOf(estate().instance('render', { dataVolumes: [{ sizeGiB: 50, deleteOnTermination: true }] }), 'render', { detect: false });
    expect(plan.class).toBe('replicable');
    expect(at(plan.values, 'persistence.enabled')).toBe(false);
    expect(plan.warnings?.join(' ')).toMatch(/scratch/);
  });
});

describe('resources', () => {
  it('divides the load over the pods that survive a zone loss', () => {
    expect(survivingReplicas(2, 2)).toBe(1);
    expect(survivingReplicas(3, 3)).toBe(2);
    expect(survivingReplicas(6, 3)).toBe(4);
    expect(survivingReplicas(1, 1)).toBe(1);
  });

  it('formats quantities the way Kubernetes writes them', () => {
    expect(formatCpu(2000)).toBe('2');
    expect(formatCpu(1450)).toBe('1450m');
    expect(formatMemory(4096)).toBe('4Gi');
    expect(formatMemory(2950)).toBe('2950Mi');
    expect(burstableBaseline('t3.large')).toBe(0.3);
    expect(burstableBaseline('m5.large')).toBeUndefined();
  });

  it('sizes requests from the instance type, with memory limit = request and CPU limit ≥ the old vCPUs', async () => {
    const e = estate().asg('api', { desired: 2, zones: ['us-east-1a', 'us-east-1b'], instanceTypes: ['m5.xlarge'] });
    const s = e.build();
    s.instanceTypes = [{ region: 'us-east-1', InstanceType: 'm5.xlarge', VCpuInfo: { DefaultVCpus: 4 }, MemoryInfo: { SizeInMiB: 16384 } }];
    const { plan } = await planOf(s, 'api');
    // 2 × 4 vCPU × 50% = 4 cores; 2 replicas in 2 zones: 1 survivor carries it all, +20%.
    expect(plan.values.resources).toEqual({
      requests: { cpu: '4800m', memory: '23593Mi', 'ephemeral-storage': '256Mi' },
      limits: { cpu: '9600m', memory: '23593Mi', 'ephemeral-storage': '2Gi' },
    });
    expect(plan.provenance['resources.requests.cpu']).toMatchObject({ source: 'aws', field: 'InstanceType' });
  });

  it('adds the GPUs and pins Arm-only types', async () => {
    const s = estate().asg('ml', { desired: 2, instanceTypes: ['g5g.xlarge'] }).build();
    s.instanceTypes = [{ region: 'us-east-1', InstanceType: 'g5g.xlarge', VCpuInfo: { DefaultVCpus: 4 }, MemoryInfo: { SizeInMiB: 8192 }, GpuInfo: { Gpus: [{ Manufacturer: 'NVIDIA', Count: 1 }] }, ProcessorInfo: { SupportedArchitectures: ['arm64'] } }];
    const { plan } = await planOf(s, 'ml');
    expect(at(plan.values, 'resources', 'limits', 'nvidia.com/gpu')).toBe(1);
    expect(plan.values.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64' });
  });

  it('says so when the instance type is not described', async () => {
    const s = estate().asg('api', { desired: 2 }).build();
    s.instanceTypes = [];
    const { plan } = await planOf(s, 'api');
    expect(at(plan.values, 'resources.requests.cpu')).toBe('500m');
    expect(plan.tasks?.map((t) => t.id)).toContain('resources');
  });
});
