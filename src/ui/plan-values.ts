/** Reading a plan's values and provenance for people. */
import type { KubernetesPlan, Provenance } from '../mapping/types.js';
import { formatPath } from '../mapping/values-builder.js';
import { inlineValue } from './text.js';

/**
 * The segments of a provenance key as the mapping writes them: plain keys
 * joined by dots, other keys quoted in brackets, list indexes in brackets
 * (`ingress.annotations["alb.ingress.kubernetes.io/scheme"]`, `env[0].name`).
 */
export function parseValuesPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  let at = 0;
  while (at < path.length) {
    const char = path[at];
    if (char === '.') {
      at++;
      continue;
    }
    if (char === '[') {
      const close = path[at + 1] === '"' ? closingQuote(path, at + 1) + 1 : path.indexOf(']', at);
      const inner = path.slice(at + 1, close < 0 ? path.length : close);
      if (inner.startsWith('"')) {
        try {
          segments.push(JSON.parse(inner) as string);
        } catch {
          segments.push(inner);
        }
      } else segments.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      at = close < 0 ? path.length : close + 1;
      continue;
    }
    let end = at;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    segments.push(path.slice(at, end));
    at = end;
  }
  return segments;
}

function closingQuote(path: string, open: number): number {
  for (let i = open + 1; i < path.length; i++) {
    if (path[i] === '\\') i++;
    else if (path[i] === '"') return i;
  }
  return -1;
}

/** The value at a provenance path of a values tree (`ingress.className`). */
export function valueAt(values: Record<string, unknown>, path: string): unknown {
  let node: unknown = values;
  for (const segment of parseValuesPath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** The provenance of a path, or of the nearest parent path that has one. */
export function provenanceOf(plan: KubernetesPlan, path: string): Provenance | undefined {
  const found = plan.provenance[path];
  if (found) return found;
  const segments = parseValuesPath(path);
  for (let n = segments.length - 1; n > 0; n--) {
    const parent = plan.provenance[formatPath(segments.slice(0, n))];
    if (parent) return parent;
  }
  return undefined;
}

const TYPE_NAMES: Record<string, string> = {
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load balancer',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'classic ELB',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'target group',
  'AWS::ElasticLoadBalancingV2::Listener': 'listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'listener rule',
  'AWS::AutoScaling::AutoScalingGroup': 'Auto Scaling group',
  'AWS::AutoScaling::LaunchConfiguration': 'launch configuration',
  'AWS::AutoScaling::LifecycleHook': 'lifecycle hook',
  'AWS::AutoScaling::ScalingPolicy': 'scaling policy',
  'AWS::EC2::LaunchTemplate': 'launch template',
  'AWS::EC2::SecurityGroup': 'security group',
};

/** A resource type for people: `Auto Scaling group`, `instance`. */
export function typeName(type: string): string {
  return TYPE_NAMES[type] ?? (type.split('::').pop() ?? type).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Where a value came from, in one line: `AWS Auto Scaling group web-asg · DesiredCapacity`. */
export function sourceLine(provenance: Provenance | undefined): string {
  if (!provenance) return 'kubelift default';
  switch (provenance.source) {
    case 'aws': {
      const resource = provenance.resource;
      const what = resource ? `${typeName(resource.type)} ${resource.name || resource.id}` : '';
      return `AWS ${what}${provenance.field ? `${what ? ' · ' : ''}${provenance.field}` : ''}`.trim();
    }
    case 'decision':
      return 'your decision';
    case 'app-catalog':
      return 'known-application catalog';
    default:
      return 'kubelift default';
  }
}

/** One planned value the detail screen lists: its path, value and source. */
export interface PlanRow {
  path: string;
  value: string;
  provenance: Provenance | undefined;
}

/**
 * The planned values worth picking: every path that has a provenance, plus
 * the core ones a migration is judged by, sorted with the core ones first.
 */
export function planRows(plan: KubernetesPlan): PlanRow[] {
  const core = ['workload.kind', 'replicaCount', 'autoscaling.enabled', 'autoscaling.minReplicas', 'autoscaling.maxReplicas', 'image.repository', 'image.tag', 'ingress.className'];
  const paths = new Set<string>(core.filter((p) => valueAt(plan.values, p) !== undefined || plan.provenance[p]));
  const rest = Object.keys(plan.provenance)
    .filter((p) => !paths.has(p))
    .sort();
  return [...paths, ...rest].map((path) => {
    const value = valueAt(plan.values, path);
    return { path, value: inlineValue(path === 'workload.kind' && value === undefined ? plan.kind : value), provenance: provenanceOf(plan, path) };
  });
}
