/**
 * Known-application detection: scores every catalog entry against what AWS
 * shows of a workload (names, tags, AMI, ports, health check paths, data
 * volumes) and keeps the best entry that reaches its threshold. The catalog is
 * data (apps/*.yaml), parsed by plan/app-catalog-file.ts and passed in.
 */
import { sortInPlace, sortStrings } from '../model/sort.js';
import { asArray, asNumber, asRecord, asString } from './aws-fields.js';
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

/** The tag pairs the detector reads: those AWS did not set. */
const isOwnTag = (t: { key: string }): boolean => !t.key.startsWith('aws:');

// The evidence is collected in small steps, for the reason gatherSources' steps are (workload-sources.ts).

/** The names a workload goes by: its own, its group's, launch template's and configuration's, and its resources'; in no order, some twice. */
function nameCandidates(sources: WorkloadSources): string[] {
  const names = [sources.workload.name, sources.workload.id];
  const add = (value: unknown) => {
    const s = asString(value);
    if (s) names.push(s);
  };
  if (sources.asg) {
    add(sources.asg.data.AutoScalingGroupName);
    add(asRecord(sources.asg.data.LaunchTemplate).LaunchTemplateName);
    add(sources.asg.data.LaunchConfigurationName);
  }
  for (const tags of sources.instanceTags()) add(tags.Name);
  for (const lb of sources.loadBalancers) add(lb.data.LoadBalancerName);
  for (const lb of sources.classicLoadBalancers) add(lb.data.LoadBalancerName);
  for (const tg of sources.targetGroups) add(tg.data.TargetGroupName);
  for (const sg of sources.securityGroups) add(sg.data.GroupName);
  return names;
}

/** The names a workload goes by (nameCandidates), each once, sorted. */
function namesOf(sources: WorkloadSources): string[] {
  return sortStrings([...new Set(nameCandidates(sources))]);
}

/** The ports that target groups, listeners and classic ELBs use, and that narrow security-group rules open; sorted. */
function portsOf(sources: WorkloadSources): number[] {
  const ports = new Set<number>();
  for (const tg of sources.targetGroups) {
    const port = asNumber(tg.data.Port);
    if (port) ports.add(port);
    const hcPort = asNumber(tg.data.HealthCheckPort);
    if (hcPort) ports.add(hcPort);
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
  }
  for (const sg of sources.securityGroups) {
    for (const permission of asArray(sg.data.IpPermissions)) {
      const from = asNumber(asRecord(permission).FromPort);
      const to = asNumber(asRecord(permission).ToPort);
      if (from === undefined || to === undefined || from < 0 || to - from > MAX_RULE_SPAN) continue;
      for (let p = from; p <= to; p++) ports.add(p);
    }
  }
  return sortInPlace([...ports], (a, b) => a - b);
}

/** The paths the load balancers' health checks request; sorted. */
function healthCheckPathsOf(sources: WorkloadSources): string[] {
  const paths = new Set<string>();
  for (const tg of sources.targetGroups) {
    const path = asString(tg.data.HealthCheckPath);
    if (path) paths.add(path);
  }
  for (const lb of sources.classicLoadBalancers) {
    const target = asString(asRecord(lb.data.HealthCheck).Target);
    const parsed = target ? parseClassicTarget(target) : undefined;
    if (parsed?.path) paths.add(parsed.path);
  }
  return sortStrings([...paths]);
}

/** Collects the AWS-only signals of a workload. */
export function collectEvidence(sources: WorkloadSources): AppEvidence {
  // Each key/value pair once, in the order first seen.
  const tags = sources.tagPairs().filter(isOwnTag);
  return {
    names: namesOf(sources),
    tags: sortInPlace(tags, (a, b) => a.key.localeCompare(b.key) || a.value.localeCompare(b.value)),
    ami: [sources.image.name, sources.image.description].filter((x): x is string => Boolean(x)),
    ports: portsOf(sources),
    healthCheckPaths: healthCheckPathsOf(sources),
    hasDataVolumes: sources.dataVolumes.length > 0,
  };
}

const compiled = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(pattern, 'i')));
  return re;
}

/** A bit per signal kind: the kinds ruled out for a workload are one number, tested per signal without a lookup. */
const KIND_BIT: Record<AppSignal['kind'], number> = { name: 1, tag: 2, ami: 4, port: 8, 'health-check-path': 16, 'data-volume': 32 };

/** A signal with its regular expressions compiled. */
interface CompiledSignal {
  signal: AppSignal;
  /** KIND_BIT of the signal's kind. */
  bit: number;
  pattern?: RegExp;
  tagKey?: RegExp;
}

/** A catalog entry ready to score. */
interface CompiledApp {
  definition: AppDefinition;
  signals: CompiledSignal[];
}

function compileSignal(signal: AppSignal): CompiledSignal {
  const bit = KIND_BIT[signal.kind];
  switch (signal.kind) {
    case 'name':
    case 'ami':
    case 'health-check-path':
      return { signal, bit, pattern: regex(signal.pattern ?? '(?!)') };
    case 'tag':
      return { signal, bit, pattern: regex(signal.pattern ?? ''), tagKey: signal.tagKey ? regex(signal.tagKey) : undefined };
    default:
      return { signal, bit };
  }
}

type PatternKind = 'name' | 'tag' | 'ami' | 'health-check-path';

/** The catalog ready to score, with a screen per pattern kind. */
interface CompiledCatalog {
  apps: CompiledApp[];
  /**
   * One regular expression per kind that matches what any of the kind's patterns matches:
   * most workloads run no catalog application, and one test per value then rules out every
   * signal of the kind. Absent when the patterns cannot be joined (back-references, named groups).
   */
  screens: Partial<Record<PatternKind, RegExp>>;
}

/** Joins patterns into one alternation, when that is sure to match exactly what any of them matches. */
function screenOf(patterns: string[]): RegExp | undefined {
  // Back-references and named groups would be renumbered or clash once joined.
  if (patterns.some((p) => /\\[1-9]|\\k<|\(\?</.test(p))) return undefined;
  try {
    return new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i');
  } catch {
    return undefined;
  }
}

const compiledCatalogs = new WeakMap<readonly AppDefinition[], CompiledCatalog>();

/** The catalog sorted by id with its signals compiled: the same for every workload, so done once per catalog. */
function compileCatalog(catalog: readonly AppDefinition[]): CompiledCatalog {
  let compiledCatalog = compiledCatalogs.get(catalog);
  if (!compiledCatalog) {
    const apps = [...catalog].sort((a, b) => a.id.localeCompare(b.id)).map((definition) => ({ definition, signals: definition.signals.map(compileSignal) }));
    const screens: CompiledCatalog['screens'] = {};
    for (const kind of ['name', 'tag', 'ami', 'health-check-path'] as const) {
      const patterns = apps.flatMap((a) => a.signals).filter((s) => s.signal.kind === kind).map((s) => (s.pattern as RegExp).source);
      const screen = patterns.length > 0 ? screenOf(patterns) : undefined;
      if (screen) screens[kind] = screen;
    }
    compiledCatalog = { apps, screens };
    compiledCatalogs.set(catalog, compiledCatalog);
  }
  return compiledCatalog;
}

/** The pattern kinds (KIND_BIT bits) whose screen no value of the evidence passes: no signal of theirs can match. */
function ruledOut(screens: CompiledCatalog['screens'], evidence: AppEvidence): number {
  let out = 0;
  const none = (kind: PatternKind, values: readonly string[]) => {
    const screen = screens[kind];
    if (screen && firstMatch(screen, values) === undefined) out |= KIND_BIT[kind];
  };
  none('name', evidence.names);
  const tagScreen = screens.tag;
  if (tagScreen && !evidence.tags.some((t) => tagScreen.test(t.value))) out |= KIND_BIT.tag;
  none('ami', evidence.ami);
  none('health-check-path', evidence.healthCheckPaths);
  return out;
}

/** The first of `values` the pattern matches (a loop: this runs for every signal of every workload). */
function firstMatch(pattern: RegExp, values: readonly string[]): string | undefined {
  for (const value of values) if (pattern.test(value)) return value;
  return undefined;
}

/**
 * What a signal matched: the name, AMI text or path, the tag, or true (ports, data volumes);
 * undefined when it matched nothing. Scoring needs only this; the sentence is built for a candidate.
 */
function hitOf({ signal, pattern, tagKey }: CompiledSignal, evidence: AppEvidence): string | { key: string; value: string } | true | undefined {
  switch (signal.kind) {
    case 'name':
      return firstMatch(pattern as RegExp, evidence.names);
    case 'tag': {
      for (const t of evidence.tags) if ((!tagKey || tagKey.test(t.key)) && (pattern as RegExp).test(t.value)) return t;
      return undefined;
    }
    case 'ami':
      return firstMatch(pattern as RegExp, evidence.ami);
    case 'port':
      return signal.port !== undefined && evidence.ports.includes(signal.port) ? true : undefined;
    case 'health-check-path':
      return firstMatch(pattern as RegExp, evidence.healthCheckPaths);
    case 'data-volume':
      return evidence.hasDataVolumes ? true : undefined;
  }
}

/** The evidence sentence of a signal's hit. */
function describeHit(signal: AppSignal, hit: string | { key: string; value: string } | true): string {
  switch (signal.kind) {
    case 'name':
      return `name "${hit as string}" matches /${signal.pattern}/`;
    case 'tag': {
      const t = hit as { key: string; value: string };
      return `tag ${t.key}=${t.value} matches /${signal.pattern}/`;
    }
    case 'ami':
      return `AMI "${hit as string}" matches /${signal.pattern}/`;
    case 'port':
      return `port ${signal.port} is open or load balanced`;
    case 'health-check-path':
      return `health check path ${hit as string}`;
    case 'data-volume':
      return 'the instance keeps data on an EBS data volume';
  }
}

function matchCompiled(signal: CompiledSignal, evidence: AppEvidence): string | undefined {
  const hit = hitOf(signal, evidence);
  return hit === undefined ? undefined : describeHit(signal.signal, hit);
}

/** The sum of the weights of the matched signals, less those of the `skip` kinds (KIND_BIT bits); the matched evidence goes to `found` when given. */
function scoreCompiled(signals: readonly CompiledSignal[], evidence: AppEvidence, found?: string[], skip = 0): number {
  let score = 0;
  for (const signal of signals) {
    if ((skip & signal.bit) !== 0) continue;
    const hit = hitOf(signal, evidence);
    if (hit === undefined) continue;
    score += signal.signal.weight;
    found?.push(describeHit(signal.signal, hit));
  }
  return score;
}

/** The evidence sentence when a signal matches, undefined otherwise. */
export function matchSignal(signal: AppSignal, evidence: AppEvidence): string | undefined {
  return matchCompiled(compileSignal(signal), evidence);
}

/** Scores one catalog entry: the matched evidence and the sum of their weights. */
export function scoreApp(app: AppDefinition, evidence: AppEvidence): { score: number; evidence: string[] } {
  const found: string[] = [];
  return { score: scoreCompiled(app.signals.map(compileSignal), evidence, found), evidence: found };
}

/**
 * Whether some catalog entry could reach its threshold on the workload: most workloads run no catalog
 * application, and this rules them out before their evidence is collected. Each entry's score is
 * bounded from above: its port and data-volume signals as they score, and the weight of each pattern
 * signal whose kind's screen passes some value (collectEvidence's values, neither deduplicated nor sorted).
 */
export function mayRunCatalogApp(sources: WorkloadSources, catalog: readonly AppDefinition[]): boolean {
  const { apps, screens } = compileCatalog(catalog);
  let possible = 0;
  const passes = (kind: PatternKind, values: () => readonly string[]) => {
    const screen = screens[kind];
    if (!screen || firstMatch(screen, values()) !== undefined) possible |= KIND_BIT[kind];
  };
  passes('name', () => nameCandidates(sources));
  const tagScreen = screens.tag;
  if (!tagScreen || sources.tagPairs().some((t) => isOwnTag(t) && tagScreen.test(t.value))) possible |= KIND_BIT.tag;
  passes('ami', () => [sources.image.name, sources.image.description].filter((x): x is string => Boolean(x)));
  passes('health-check-path', () => healthCheckPathsOf(sources));
  let ports: number[] | undefined;
  for (const { definition, signals } of apps) {
    let bound = 0;
    for (const { signal, bit } of signals) {
      if (signal.kind === 'port') {
        if (signal.port !== undefined && (ports ??= portsOf(sources)).includes(signal.port)) bound += signal.weight;
      } else if (signal.kind === 'data-volume') {
        if (sources.dataVolumes.length > 0) bound += signal.weight;
      } else if ((possible & bit) !== 0) bound += Math.max(0, signal.weight);
    }
    if (bound >= (definition.threshold ?? DEFAULT_APP_THRESHOLD)) return true;
  }
  return false;
}

/**
 * The catalog entry a workload most likely runs, when one reaches its threshold.
 * The catalog is compiled on first use; pass the same array, unchanged, for every workload.
 */
export function detectApp(evidence: AppEvidence, catalog: readonly AppDefinition[]): { app: DetectedApp; definition: AppDefinition } | undefined {
  let best: { app: DetectedApp; definition: AppDefinition } | undefined;
  const { apps, screens } = compileCatalog(catalog);
  const skip = ruledOut(screens, evidence);
  for (const { definition, signals } of apps) {
    // Most entries match nothing: score first, and collect the evidence only for a candidate.
    const score = scoreCompiled(signals, evidence, undefined, skip);
    if (score < (definition.threshold ?? DEFAULT_APP_THRESHOLD)) continue;
    if (best && (best.app.score ?? 0) >= score) continue;
    const found: string[] = [];
    scoreCompiled(signals, evidence, found, skip);
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
