/**
 * "AWS today" for one workload, as indented lines: load balancers, their
 * target groups and health, the Auto Scaling group, and the instances per
 * zone with their health. A zone the workload should be in but has no
 * running instance in is shown, because that gap is what a SPOF looks like.
 * Reads resources in their AWS API shape; fields that were not collected are
 * said to be unknown rather than guessed.
 */
import type { Model, ResourceRef, Workload } from '../../../model/types.js';
import type { AwsResource } from '../../../snapshot/types.js';

export type Tone = 'ok' | 'warn' | 'error' | 'muted' | undefined;

export interface TreeLine {
  depth: number;
  text: string;
  tone: Tone;
}

type Health = { state: string; tone: Tone };

function obj(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

function toneOf(state: string): Tone {
  const s = state.toLowerCase();
  if (s === 'healthy' || s === 'inservice' || s === 'running') return 'ok';
  if (s === 'unhealthy' || s === 'outofservice' || s === 'stopped' || s === 'terminated' || s === 'unavailable') return 'error';
  return 'warn';
}

/** Target health as DescribeTargetHealth returns it, when the snapshot has it on the target group. */
function targetHealth(tg: AwsResource | undefined): Map<string, Health> | undefined {
  const descriptions = tg?.TargetHealthDescriptions;
  if (!Array.isArray(descriptions)) return undefined;
  const health = new Map<string, Health>();
  for (const d of descriptions) {
    const id = text(obj(obj(d)?.Target)?.Id);
    const state = text(obj(obj(d)?.TargetHealth)?.State) ?? 'unknown';
    if (id) health.set(id, { state, tone: toneOf(state) });
  }
  return health;
}

/** Instance health as DescribeInstanceHealth returns it, when the snapshot has it on the classic load balancer. */
function classicHealth(lb: AwsResource | undefined): Map<string, Health> | undefined {
  const states = lb?.InstanceStates;
  if (!Array.isArray(states)) return undefined;
  const health = new Map<string, Health>();
  for (const s of states) {
    const id = text(obj(s)?.InstanceId);
    const state = text(obj(s)?.State) ?? 'unknown';
    if (id) health.set(id, { state, tone: toneOf(state) });
  }
  return health;
}

function healthSummary(health: Map<string, Health> | undefined, registered: number): { text: string; tone: Tone } {
  if (!health) return { text: 'target health not collected', tone: 'muted' };
  const total = Math.max(health.size, registered);
  const healthy = [...health.values()].filter((h) => h.tone === 'ok').length;
  return { text: `${healthy}/${total} healthy`, tone: healthy === 0 ? 'error' : healthy < 2 ? 'warn' : 'ok' };
}

function zonesOfLoadBalancer(lb: AwsResource): string[] {
  return list(lb.AvailabilityZones)
    .map((z) => (typeof z === 'string' ? z : text(obj(z)?.ZoneName)))
    .filter((z): z is string => Boolean(z))
    .sort();
}

function short(ref: ResourceRef): string {
  return ref.name || ref.id;
}

/** The AWS side of a workload as lines for the detail screen. */
export function awsTree(model: Model, workload: Workload): TreeLine[] {
  const lines: TreeLine[] = [];
  const add = (depth: number, line: string, tone: Tone = undefined): void => void lines.push({ depth, text: line, tone });
  const health = new Map<string, Health>();

  const targetGroups = [...workload.targetGroups].sort((a, b) => short(a).localeCompare(short(b), 'en'));
  const tgResources = new Map(targetGroups.map((ref) => [ref.id, model.resource(ref)]));
  for (const tg of tgResources.values()) for (const [id, h] of targetHealth(tg) ?? []) if (!health.has(id) || h.tone !== 'ok') health.set(id, h);

  const shownTargetGroups = new Set<string>();
  const loadBalancers = [...workload.loadBalancers].sort((a, b) => short(a).localeCompare(short(b), 'en'));
  if (loadBalancers.length === 0) add(0, 'No load balancer in front of this workload', 'muted');
  for (const ref of loadBalancers) {
    const lb = model.resource(ref);
    if (ref.type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
      const check = text(obj(lb?.HealthCheck)?.Target);
      const zones = lb ? zonesOfLoadBalancer(lb) : [];
      add(0, `Classic ELB ${short(ref)} · ${text(lb?.Scheme) ?? 'scheme unknown'} · zones ${zones.join(', ') || 'unknown'}`);
      const instances = list(lb?.Instances).length;
      const classic = classicHealth(lb);
      for (const [id, h] of classic ?? []) if (!health.has(id)) health.set(id, h);
      const summary = healthSummary(classic, instances);
      add(1, `health check ${check ?? 'unknown'} · ${instances} instance(s) · ${summary.text}`, summary.tone);
      continue;
    }
    const type = text(lb?.Type) ?? 'load balancer';
    const kind = type === 'application' ? 'ALB' : type === 'network' ? 'NLB' : type === 'gateway' ? 'GWLB' : 'LB';
    const zones = lb ? zonesOfLoadBalancer(lb) : [];
    add(0, `${kind} ${short(ref)} · ${text(lb?.Scheme) ?? 'scheme unknown'} · zones ${zones.join(', ') || 'unknown'}`, zones.length === 1 ? 'warn' : undefined);
    const arn = ref.arn ?? ref.id;
    for (const tgRef of targetGroups) {
      const tg = tgResources.get(tgRef.id);
      if (!list(tg?.LoadBalancerArns).includes(arn)) continue;
      shownTargetGroups.add(tgRef.id);
      addTargetGroup(add, tgRef, tg);
    }
  }
  for (const tgRef of targetGroups) if (!shownTargetGroups.has(tgRef.id)) addTargetGroup(add, tgRef, tgResources.get(tgRef.id));

  const asgRef = workload.autoScalingGroup;
  const asg = asgRef ? model.resource(asgRef) : undefined;
  if (asgRef) {
    const desired = text(asg?.DesiredCapacity) ?? '?';
    add(0, `Auto Scaling group ${short(asgRef)} · desired ${desired} (min ${text(asg?.MinSize) ?? '?'}, max ${text(asg?.MaxSize) ?? '?'})`);
    const grace = text(asg?.HealthCheckGracePeriod);
    add(1, `health check ${text(asg?.HealthCheckType) ?? 'unknown'}${grace ? `, grace ${grace} s` : ''}`, asg?.HealthCheckType === 'EC2' ? 'warn' : undefined);
    for (const member of list(asg?.Instances)) {
      const id = text(obj(member)?.InstanceId);
      const status = text(obj(member)?.HealthStatus);
      if (id && status && !health.has(id)) health.set(id, { state: status.toLowerCase(), tone: toneOf(status) });
    }
  }

  // Zones: where the group may launch, where the load balancers are, and where instances run.
  const byZone = new Map<string, { ref: ResourceRef; resource: AwsResource | undefined }[]>();
  const expected = new Set<string>(list(asg?.AvailabilityZones).filter((z): z is string => typeof z === 'string'));
  for (const ref of workload.loadBalancers) {
    const lb = model.resource(ref);
    if (lb && asgRef === undefined) for (const zone of zonesOfLoadBalancer(lb)) expected.add(zone);
  }
  for (const ref of workload.instances) {
    const resource = model.resource(ref);
    const zone = text(obj(resource?.Placement)?.AvailabilityZone) ?? 'zone unknown';
    const entry = byZone.get(zone);
    if (entry) entry.push({ ref, resource });
    else byZone.set(zone, [{ ref, resource }]);
  }
  const zones = [...new Set([...expected, ...byZone.keys()])].sort();
  const running = new Set(workload.runningInstances.map((r) => r.id));
  add(0, `Instances: ${workload.runningInstances.length} running in ${workload.zones.length} zone(s)`, workload.zones.length < 2 ? 'warn' : undefined);
  if (zones.length === 0) add(1, 'no instances', 'error');
  for (const zone of zones) {
    const members = (byZone.get(zone) ?? []).sort((a, b) => a.ref.id.localeCompare(b.ref.id, 'en'));
    const up = members.filter((m) => running.has(m.ref.id)).length;
    add(1, `${zone} · ${up} running`, up === 0 ? 'error' : up === 1 ? 'warn' : 'ok');
    for (const { ref, resource } of members) {
      const state = text(obj(resource?.State)?.Name) ?? 'state unknown';
      const type = text(resource?.InstanceType);
      const h = health.get(ref.id);
      const label = ref.name && ref.name !== ref.id ? `${ref.id} ${ref.name}` : ref.id;
      add(2, `${label}${type ? ` (${type})` : ''} · ${state}${h ? ` · ${h.state}` : ''}`, h?.tone ?? toneOf(state));
    }
  }
  return lines;
}

function addTargetGroup(add: (depth: number, line: string, tone?: Tone) => void, ref: ResourceRef, tg: AwsResource | undefined): void {
  const protocol = text(tg?.Protocol);
  const port = text(tg?.Port);
  const check = [text(tg?.HealthCheckProtocol), text(tg?.HealthCheckPath)].filter(Boolean).join(' ');
  const summary = healthSummary(targetHealth(tg), list(tg?.TargetHealthDescriptions).length);
  add(1, `TG ${short(ref)}${protocol ? ` · ${protocol}${port ? `:${port}` : ''}` : ''}${check ? ` · check ${check}` : ''} · ${summary.text}`, summary.tone);
}
