/**
 * Storage (k8s-mapping.md §A.5). The EBS data volumes of a stateful workload
 * become volumeClaimTemplates of its StatefulSet, on an EBS CSI StorageClass
 * with the same performance profile (gp2 and magnetic volumes move to gp3).
 * Replicas that share their data use EFS (ReadWriteMany). StorageClasses are
 * cluster-scoped, so they are listed for a person to create once.
 */
import { createHash } from 'node:crypto';
import { sortInPlace } from '../model/sort.js';
import { asBoolean, asNumber, asString, byDefault, fromAws, fromCatalog, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { AppDefinition, PlanTask, StorageClassSpec, WorkloadClass } from './types.js';
import type { DataVolume, WorkloadSources } from './workload-sources.js';

export interface StoragePlan {
  storageClasses: StorageClassSpec[];
  contribution: Contribution;
}

const GP2_MAX_IOPS = 16000;

/** The EBS CSI StorageClass that reproduces a volume's type, performance and encryption. */
export function storageClassFor(volume: Sourced['data'], retain: boolean): StorageClassSpec {
  const sourceType = asString(volume.VolumeType) ?? 'gp2';
  const size = asNumber(volume.Size) ?? 0;
  const parameters: Record<string, string> = { 'csi.storage.k8s.io/fstype': 'ext4' };
  let type = sourceType;
  if (sourceType === 'gp2') {
    type = 'gp3';
    parameters.iops = String(Math.max(3000, Math.min(3 * size, GP2_MAX_IOPS)));
    parameters.throughput = String(size <= 170 ? 125 : 250);
  } else if (sourceType === 'gp3') {
    parameters.iops = String(asNumber(volume.Iops) ?? 3000);
    parameters.throughput = String(asNumber(volume.Throughput) ?? 125);
  } else if (sourceType === 'io1' || sourceType === 'io2') {
    const iops = asNumber(volume.Iops);
    if (iops !== undefined) parameters.iops = String(iops);
  } else if (sourceType === 'standard') {
    type = 'gp3';
  }
  parameters.type = type;
  const encrypted = asBoolean(volume.Encrypted) === true;
  parameters.encrypted = String(encrypted);
  const kms = asString(volume.KmsKeyId);
  if (encrypted && kms) parameters.kmsKeyId = kms;
  const parts = ['kubelift', type];
  if (parameters.iops && !(type === 'gp3' && parameters.iops === '3000')) parts.push(`${parameters.iops}iops`);
  if (parameters.throughput && parameters.throughput !== '125') parts.push(`${parameters.throughput}mibps`);
  if (encrypted) parts.push(kms ? `kms-${createHash('sha256').update(kms).digest('hex').slice(0, 8)}` : 'encrypted');
  if (retain) parts.push('retain');
  return {
    name: parts.join('-'),
    provisioner: 'ebs.csi.aws.com',
    parameters: Object.fromEntries(Object.entries(parameters).sort(([a], [b]) => a.localeCompare(b))),
    reclaimPolicy: retain ? 'Retain' : 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  };
}

const EFS_CLASS: StorageClassSpec = {
  name: 'kubelift-efs',
  provisioner: 'efs.csi.aws.com',
  parameters: { directoryPerms: '700', fileSystemId: 'REPLACE-ME-fs-id', provisioningMode: 'efs-ap' },
  reclaimPolicy: 'Retain',
  volumeBindingMode: 'Immediate',
  allowVolumeExpansion: true,
};

function describe(v: DataVolume): string {
  return `${v.volume.ref.id} (${String(v.volume.data.Size ?? '?')} GiB ${String(v.volume.data.VolumeType ?? 'EBS')}, ${v.device || 'no device name'} on ${v.instance.ref.name})`;
}

/** Plans `persistence.*` and the StorageClasses it needs. */
export function planStorage(sources: WorkloadSources, cls: WorkloadClass, kind: 'Deployment' | 'StatefulSet', app: AppDefinition | undefined): StoragePlan {
  const out = contribution();
  const set = (path: string | (string | number)[], value: unknown, provenance: ReturnType<typeof byDefault>) => out.values.push({ path, value, provenance });
  const durable = sources.dataVolumes.filter((v) => !v.deleteOnTermination);
  const scratch = sources.dataVolumes.filter((v) => v.deleteOnTermination);

  if (scratch.length > 0 && durable.length === 0 && cls !== 'singleton') {
    out.warnings.push(`Data volume${scratch.length === 1 ? '' : 's'} ${scratch.map(describe).join(', ')} ${scratch.length === 1 ? 'is' : 'are'} deleted with ${scratch.length === 1 ? 'its' : 'their'} instance: treated as scratch space. Mount an emptyDir (volumes/volumeMounts) if the application writes there.`);
  }
  const wantsVolume = kind === 'StatefulSet' || cls === 'replicable-shared-storage';
  if (!wantsVolume) {
    set('persistence.enabled', false, byDefault(durable.length > 0 && sources.asg ? 'volumes of Auto Scaling instances are replaced with the instances: no state to carry' : 'no data volume: the pods keep no state'));
    if (durable.length > 0 && sources.asg) out.warnings.push(`Instances of the group keep volumes after termination (${durable.map(describe).join(', ')}); if they hold state the workload is not stateless. Review.`);
    return { storageClasses: [], contribution: out };
  }
  const first = durable[0] ?? scratch[0];
  const mountPath = app?.persistence?.mountPath;
  set('persistence.enabled', true, first ? fromAws(first.volume, 'VolumeId', 'the data lived on this EBS volume') : fromCatalog(app?.id ?? 'unknown', `${app?.name ?? 'the application'} keeps its state on disk`));
  set('persistence.mountPath', mountPath ?? '/data', mountPath ? fromCatalog(app?.id as string, `where ${app?.name} keeps its data`) : byDefault('the mount point on the instance is not visible to AWS: /data is a placeholder'));
  if (!mountPath) out.tasks.push({ id: 'mount-path', kind: 'storage', title: 'Set persistence.mountPath to where the application writes its data', detail: `AWS shows the device (${first?.device || 'unknown'}) but not where the operating system mounted it; the values use /data.`, blocking: true });

  if (cls === 'replicable-shared-storage') {
    set('persistence.accessModes', ['ReadWriteMany'], byDefault('replicas share one file system'));
    set('persistence.storageClass', EFS_CLASS.name, byDefault('EFS is the ReadWriteMany storage of EKS'));
    set('persistence.size', `${asNumber(first?.volume.data.Size) ?? 20}Gi`, first ? fromAws(first.volume, 'Size', 'EFS grows on demand; the request is informative') : byDefault('EFS grows on demand'));
    out.tasks.push({ id: 'efs', kind: 'storage', title: 'Create the EFS file system and its StorageClass', detail: `Create an EFS file system with mount targets in every zone of the cluster and put its id in StorageClass ${EFS_CLASS.name} (fileSystemId).`, blocking: true });
    return { storageClasses: [EFS_CLASS], contribution: out };
  }

  const classes = new Map<string, StorageClassSpec>();
  if (first) {
    // Instances of a group may differ in size: the largest fits them all.
    const same = durable.length > 0 ? durable.filter((v) => v.device === first.device) : [first];
    const biggest = same.reduce((a, b) => ((asNumber(b.volume.data.Size) ?? 0) > (asNumber(a.volume.data.Size) ?? 0) ? b : a));
    const spec = storageClassFor(biggest.volume.data, !biggest.deleteOnTermination);
    classes.set(spec.name, spec);
    set('persistence.storageClass', spec.name, fromAws(biggest.volume, 'VolumeType', `${String(biggest.volume.data.VolumeType ?? 'gp2')}${spec.parameters.type !== biggest.volume.data.VolumeType ? ` moves to ${spec.parameters.type}` : ''} with the same performance and encryption (StorageClass ${spec.name}, to create once per cluster)`));
    set('persistence.size', `${asNumber(biggest.volume.data.Size) ?? 20}Gi`, fromAws(biggest.volume, 'Size', 'the EBS volume\'s size'));
    set('persistence.accessModes', ['ReadWriteOnce'], byDefault('an EBS volume attaches to one node'));
    set('persistence.retentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' }, fromAws(biggest.volume, 'DeleteOnTermination', 'data outlives the pods, as it outlived the instance'));

    // Further data volumes of the same instance: extra claim templates, mounted at placeholder paths.
    const others = durable.filter((v) => v.instance === first.instance && v.device !== first.device);
    if (others.length > 0) {
      const templates = others.map((v, i) => {
        const extra = storageClassFor(v.volume.data, !v.deleteOnTermination);
        classes.set(extra.name, extra);
        return { metadata: { name: `data-${i + 1}` }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: extra.name, resources: { requests: { storage: `${asNumber(v.volume.data.Size) ?? 20}Gi` } } } };
      });
      set('persistence.extraVolumeClaimTemplates', templates, fromAws(others[0]?.volume as Sourced, 'VolumeId', `further data volumes: ${others.map(describe).join(', ')}`));
      set('volumeMounts', templates.map((t) => ({ name: t.metadata.name, mountPath: `/${t.metadata.name}` })), byDefault('placeholder mount points for the further data volumes'));
      out.tasks.push({ id: 'extra-volumes', kind: 'storage', title: 'Set the mount points of the further data volumes', detail: `The values mount ${templates.map((t) => t.metadata.name).join(', ')} at /${templates.map((t) => t.metadata.name).join(', /')}; use the paths the instance mounted them at.`, blocking: true });
    }
    const copy: PlanTask = {
      id: 'copy-data',
      kind: 'storage',
      title: `Carry the data of ${first.volume.ref.id} over`,
      detail: `Snapshot ${durable.length > 1 ? 'the volumes' : first.volume.ref.id} and restore into the new volume through a VolumeSnapshot (persistence.dataSource), or copy with the application's own tools (dump and restore) during a maintenance window. The volume is zonal: the pod runs in the zone of its volume.`,
      blocking: true,
    };
    out.tasks.push(copy);
  } else {
    // No data volume, but the application keeps state on disk (it lived on the root volume).
    const root = sources.rootVolumes()[0];
    const size = app?.persistence?.size ?? (root ? `${asNumber(root.data.Size) ?? 20}Gi` : '20Gi');
    const spec = storageClassFor({ accountId: '', region: '', VolumeType: 'gp3', Encrypted: root?.data.Encrypted ?? true, KmsKeyId: root?.data.KmsKeyId }, true);
    classes.set(spec.name, spec);
    set('persistence.storageClass', spec.name, byDefault('gp3, encrypted, kept on deletion'));
    set('persistence.size', size, app?.persistence?.size ? fromCatalog(app.id, 'a size that fits the application\'s usual data') : root ? fromAws(root, 'Size', 'the state lived on the root volume; its size is an upper bound') : byDefault('placeholder size'));
    set('persistence.accessModes', ['ReadWriteOnce'], byDefault('an EBS volume attaches to one node'));
    set('persistence.retentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' }, byDefault('data outlives the pods'));
    out.tasks.push({ id: 'copy-data', kind: 'storage', title: `Copy ${app?.name ?? 'the application'}'s data from the instance's root volume`, detail: `The state lived on the root volume${root ? ` (${root.ref.id})` : ''} at ${mountPath ?? 'an unknown path'}; copy it into the new volume before switching over.`, blocking: true });
  }
  return { storageClasses: sortInPlace([...classes.values()], (a, b) => a.name.localeCompare(b.name)), contribution: out };
}
