/**
 * Known-application detection: scores every catalog entry against what AWS
 * shows of a workload (names, tags, AMI, ports, health check paths, data
 * volumes) and keeps the best entry that reaches its threshold. The catalog is
 * data (apps/*.yaml), parsed by plan/app-catalog-file.ts and passed in.
 */
import { asArray, asNumber, asRecord, asString, tagsOf } from './aws-fields.js';
import { parseClassicTarget } from './front.js';
import type { AppDefinition, AppSignal, DetectedApp } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

/** What a workload shows to the detector; built once per workload. */
export interface AppEvidence {
  names: string[];
  tags: { key: string; value: string }[];
  ami: string[];
  ports: number[];
  healthCheckPaths: string[];
  hasDataVolumes: boolean;
}

export const DEFAULT_APP_THRESHOLD = 50;

/** Security-group rules wider than this many ports say nothing about the application. */
const MAX_RULE_SPAN = 10;

/** Collects the AWS-only signals of a workload. */
export function collectEvidence(sources: WorkloadSources): AppEvidence {
  const names = new Set<string>([sources.workload.name, sources.workload.id]);
  const add = (value: unknown) => {
    const s = asString(value);
    if (s) names.add(s);
  };
  if (sources.asg) {
    add(sources.asg.data.AutoScalingGroupName);
    add(asRecord(sources.asg.data.LaunchTemplate).LaunchTemplateName);
    add(sources.asg.data.LaunchConfigurationName);
  }
  for (const i of sources.instances) add(tagsOf(i.data).Name);
  for (const lb of [...sources.loadBalancers, ...sources.classicLoadBalancers]) add(lb.data.LoadBalancerName);
  for (const tg of sources.targetGroups) add(tg.data.TargetGroupName);
  for (const sg of sources.securityGroups) add(sg.data.GroupName);

  const tags = new Map<string, string>();
  for (const r of [...(sources.asg ? [sources.asg] : []), ...sources.instances]) {
    for (const [key, value] of Object.entries(tagsOf(r.data))) if (!key.startsWith('aws:')) tags.set(`${key}\u0000${value}`, key);
  }

  const ports = new Set<number>();
  const paths = new Set<string>();
  for (const tg of sources.targetGroups) {
    const port = asNumber(tg.data.Port);
    if (port) ports.add(port);
    const hcPort = asNumber(tg.data.HealthCheckPort);
    if (hcPort) ports.add(hcPort);
    const path = asString(tg.data.HealthCheckPath);
    if (path) paths.add(path);
  }
  for (const l of sources.listeners) {
    const port = asNumber(l.data.Port);
    if (port) ports.add(port);
  }
  for (const lb of sources.classicLoadBalancers) {
    for (const d of asArray(lb.data.ListenerDescriptions)) {
      const l = asRecord(asRecord(d).Listener);
      for (const p of [asNumber(l.LoadBalancerPort), asNumber(l.InstancePort)]) if (p) ports.add(p);
    }
    const target = asString(asRecord(lb.data.HealthCheck).Target);
    const parsed = target ? parseClassicTarget(target) : undefined;
    if (parsed?.path) paths.add(parsed.path);
  }
  for (const sg of sources.securityGroups) {
    for (const permission of asArray(sg.data.IpPermissions)) {
      const from = asNumber(asRecord(permission).FromPort);
      const to = asNumber(asRecord(permission).ToPort);
      if (from === undefined || to === undefined || from < 0 || to - from > MAX_RULE_SPAN) continue;
      for (let p = from; p <= to; p++) ports.add(p);
    }
  }
  return {
    names: [...names].sort(),
    tags: [...tags.entries()].map(([k, key]) => ({ key, value: k.slice(key.length + 1) })).sort((a, b) => a.key.localeCompare(b.key) || a.value.localeCompare(b.value)),
    ami: [sources.image.name, sources.image.description].filter((x): x is string => Boolean(x)),
    ports: [...ports].sort((a, b) => a - b),
    healthCheckPaths: [...paths].sort(),
    hasDataVolumes: sources.dataVolumes.length > 0,
  };
}

const compiled = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(pattern, 'i')));
  return re;
}

/** The evidence sentence when a signal matches, undefined otherwise. */
export function matchSignal(signal: AppSignal, evidence: AppEvidence): string | undefined {
  switch (signal.kind) {
    case 'name': {
      const re = regex(signal.pattern ?? '(?!)');
      const hit = evidence.names.find((n) => re.test(n));
      return hit === undefined ? undefined : `name "${hit}" matches /${signal.pattern}/`;
    }
    case 'tag': {
      const value = regex(signal.pattern ?? '');
      const key = signal.tagKey ? regex(signal.tagKey) : undefined;
      const hit = evidence.tags.find((t) => (!key || key.test(t.key)) && value.test(t.value));
      return hit === undefined ? undefined : `tag ${hit.key}=${hit.value} matches /${signal.pattern}/`;
    }
    case 'ami': {
      const re = regex(signal.pattern ?? '(?!)');
      const hit = evidence.ami.find((a) => re.test(a));
      return hit === undefined ? undefined : `AMI "${hit}" matches /${signal.pattern}/`;
    }
    case 'port':
      return signal.port !== undefined && evidence.ports.includes(signal.port) ? `port ${signal.port} is open or load balanced` : undefined;
    case 'health-check-path': {
      const re = regex(signal.pattern ?? '(?!)');
      const hit = evidence.healthCheckPaths.find((p) => re.test(p));
      return hit === undefined ? undefined : `health check path ${hit}`;
    }
    case 'data-volume':
      return evidence.hasDataVolumes ? 'the instance keeps data on an EBS data volume' : undefined;
  }
}

/** Scores one catalog entry: the matched evidence and the sum of their weights. */
export function scoreApp(app: AppDefinition, evidence: AppEvidence): { score: number; evidence: string[] } {
  let score = 0;
  const found: string[] = [];
  for (const signal of app.signals) {
    const hit = matchSignal(signal, evidence);
    if (hit === undefined) continue;
    score += signal.weight;
    found.push(hit);
  }
  return { score, evidence: found };
}

/** The catalog entry a workload most likely runs, when one reaches its threshold. */
export function detectApp(evidence: AppEvidence, catalog: readonly AppDefinition[]): { app: DetectedApp; definition: AppDefinition } | undefined {
  let best: { app: DetectedApp; definition: AppDefinition } | undefined;
  for (const definition of [...catalog].sort((a, b) => a.id.localeCompare(b.id))) {
    const { score, evidence: found } = scoreApp(definition, evidence);
    if (score < (definition.threshold ?? DEFAULT_APP_THRESHOLD)) continue;
    if (best && (best.app.score ?? 0) >= score) continue;
    best = { app: toDetected(definition, score, found), definition };
  }
  return best;
}

function toDetected(d: AppDefinition, score: number, evidence: string[]): DetectedApp {
  const app: DetectedApp = {
    id: d.id,
    name: d.name,
    evidence,
    chart: { ...d.chart },
    haValues: structuredClone(d.haValues),
    traits: { singleton: d.haClass === 'singleton', clusterable: d.haClass === 'app-clustered', bundledState: [...d.bundledState] },
    notes: [...d.notes],
    score,
    haClass: d.haClass,
  };
  if (d.remedy) app.remedy = d.remedy;
  if (d.image) app.image = d.image;
  return app;
}
