/**
 * Resources from the instance type (k8s-mapping.md §A.4). The load the
 * instances carried is estimated (no metrics in the snapshot: 50% CPU, 60%
 * memory; the published baseline for burstable T types) and divided over the
 * replicas that survive the loss of one zone, because after a zone outage the
 * survivors carry everything. Memory limit = request (no overcommit); CPU
 * limit = the larger of twice the request and the old instance's vCPUs.
 */
import { asArray, asNumber, asRecord, asString, byDefault, fromAws } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { Provenance } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

const CPU_UTILISATION = 0.5;
const MEMORY_UTILISATION = 0.6;
const HEADROOM = 1.2;

/** Published CPU baseline per vCPU of burstable instance sizes (fraction of a vCPU). */
const BURSTABLE_BASELINE: Record<string, number> = {
  nano: 0.05, micro: 0.1, small: 0.2, medium: 0.2, large: 0.3, xlarge: 0.4, '2xlarge': 0.4,
};
const T2_BASELINE: Record<string, number> = {
  nano: 0.05, micro: 0.1, small: 0.2, medium: 0.2, large: 0.3, xlarge: 0.225, '2xlarge': 0.169,
};

/** The sustained CPU fraction of a burstable type (t2, t3, t3a, t4g), undefined for other types. */
export function burstableBaseline(instanceType: string): number | undefined {
  const match = /^(t2|t3a?|t4g)\.(\w+)$/.exec(instanceType);
  if (!match) return undefined;
  const table = match[1] === 't2' ? T2_BASELINE : BURSTABLE_BASELINE;
  return table[match[2] as string];
}

/** Millicores as a Kubernetes quantity: whole cores as `2`, the rest as `1500m`. */
export function formatCpu(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

/** MiB as a Kubernetes quantity: whole GiB as `4Gi`, the rest as `2950Mi`. */
export function formatMemory(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

/** Pods that survive the loss of one zone: R − ⌈R/Z⌉, at least 1. */
export function survivingReplicas(replicas: number, zones: number): number {
  return Math.max(1, replicas - Math.ceil(replicas / Math.max(1, zones)));
}

export interface ResourceInput {
  /** Instances that served the workload. */
  instances: number;
  /** Pods the workload runs at its minimum. */
  replicas: number;
  /** Zones the pods spread over. */
  zones: number;
}

/** Plans `resources` (and `nodeSelector` for Arm-only types); with `outline`, only the task and the warning. */
export function planResources(sources: WorkloadSources, input: ResourceInput, outline = false): Contribution {
  const out = contribution();
  const set = (path: string | string[], value: unknown, provenance: Provenance) => out.values.push({ path, value, provenance });
  const type = sources.instanceType;
  const vcpus = asNumber(asRecord(type?.info?.VCpuInfo).DefaultVCpus);
  const memory = asNumber(asRecord(type?.info?.MemoryInfo).SizeInMiB);
  set(['resources', 'requests', 'ephemeral-storage'], '256Mi', byDefault('scratch space for the container; logs go to stdout'));
  set(['resources', 'limits', 'ephemeral-storage'], '2Gi', byDefault('caps what a pod may write to its node\'s disk'));
  if (!type || vcpus === undefined || memory === undefined) {
    set(['resources', 'requests', 'cpu'], '500m', byDefault(type ? `instance type ${type.name} is not described in the snapshot` : 'no instance to size from'));
    set(['resources', 'requests', 'memory'], '1Gi', byDefault('no instance type data: a placeholder to size from real usage'));
    set(['resources', 'limits', 'cpu'], '2', byDefault('no instance type data'));
    set(['resources', 'limits', 'memory'], '1Gi', byDefault('equals the request: no memory overcommit'));
    out.tasks.push({ id: 'resources', kind: 'review', title: 'Size CPU and memory from real usage', detail: `The snapshot has no vCPU and memory figures${type ? ` for ${type.name}` : ''}; the values use 500m CPU and 1Gi memory.`, blocking: false });
    return out;
  }
  const source = type.source;
  const baseline = burstableBaseline(type.name);
  if (asString(type.info?.InstanceType) && baseline !== undefined) out.warnings.push(`${type.name} is burstable: CPU is sized from its ${Math.round(baseline * 1000) / 10}% per-vCPU baseline; check real usage.`);
  if (outline) return out;
  const cpuShare = baseline ?? CPU_UTILISATION;
  const survivors = survivingReplicas(input.replicas, input.zones);
  const n = Math.max(1, input.instances);
  const cpuLoad = n * vcpus * cpuShare;
  const memLoad = n * memory * MEMORY_UTILISATION;
  const cpuRequest = Math.max(100, Math.ceil((cpuLoad / survivors) * HEADROOM * 1000 / 50) * 50);
  const memRequest = Math.max(128, Math.ceil((memLoad / survivors) * HEADROOM));
  const how = `${n} × ${type.name}`;
  const divisor = `over ${survivors} pod${survivors === 1 ? '' : 's'} that survive a zone loss (${input.replicas} replicas in ${input.zones} zone${input.zones === 1 ? '' : 's'}), +20%`;
  set(['resources', 'requests', 'cpu'], formatCpu(cpuRequest), fromAws(source, 'InstanceType', `${how} with ${vcpus} vCPU at ${baseline !== undefined ? `the burstable baseline of ${Math.round(baseline * 1000) / 10}%` : `an assumed ${CPU_UTILISATION * 100}% use (no metrics in the snapshot)`}, ${divisor}`));
  set(['resources', 'requests', 'memory'], formatMemory(memRequest), fromAws(source, 'InstanceType', `${how} with ${memory} MiB at an assumed ${MEMORY_UTILISATION * 100}% use, ${divisor}`));
  set(['resources', 'limits', 'cpu'], formatCpu(Math.max(2 * cpuRequest, vcpus * 1000)), fromAws(source, 'InstanceType', `max(2 × request, ${vcpus} vCPU): never less than the old instance had`));
  set(['resources', 'limits', 'memory'], formatMemory(memRequest), byDefault('equals the request: no memory overcommit, no surprise OOM kill on a busy node'));

  const gpus = asArray(asRecord(type.info?.GpuInfo).Gpus).map(asRecord).filter((g) => String(g.Manufacturer ?? '').toUpperCase() === 'NVIDIA').reduce((sum, g) => sum + (asNumber(g.Count) ?? 0), 0);
  if (gpus > 0) set(['resources', 'limits', 'nvidia.com/gpu'], gpus, fromAws(source, 'InstanceType', `${type.name} has ${gpus} NVIDIA GPU${gpus === 1 ? '' : 's'}`));
  const architectures = asArray(asRecord(type.info?.ProcessorInfo).SupportedArchitectures).map(String);
  if (architectures.length > 0 && architectures.every((a) => a === 'arm64')) {
    set(['nodeSelector', 'kubernetes.io/arch'], 'arm64', fromAws(source, 'InstanceType', `${type.name} is an Arm (Graviton) type; drop this if the image is built for several architectures`));
  }
  return out;
}
