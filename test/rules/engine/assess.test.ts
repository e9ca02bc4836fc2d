/**
 * The engine with the real resolver and the built-in catalog: every rule
 * answers for every resource of its type, ordinary estates raise no rule
 * errors, and coverage gaps turn into unknown, never into passes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { memorySink } from '../../../src/events/sinks.js';
import { paths } from '../../../src/paths.js';
import { assessSnapshot } from '../../../src/rules/assess.js';
import { loadRules } from '../../../src/rules/load.js';
import type { Rule } from '../../../src/rules/types.js';
import { resourceId, type ResourceType } from '../../../src/snapshot/types.js';
import { estate } from '../../helpers/estate-builder.js';

let rules: Rule[];
beforeAll(async () => {
  rules = await loadRules([paths.rules]);
});

const mixed = () =>
  estate({ region: 'eu-west-1' })
    .instance('db-primary', { eip: true, dataVolumes: [100], ports: [5432] })
    .instance('bastion', { publicIp: true })
    .asg('worker', { zones: ['eu-west-1a'], desired: 1, min: 1, max: 1 })
    .asg('web', { zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], desired: 3, min: 2, max: 6, healthCheckType: 'ELB', targetGroups: ['web'] })
    .targetGroup('web')
    .alb('front', { targetGroups: ['web'] })
    .clb('legacy', { zones: ['eu-west-1a'] });

describe('assessSnapshot with the built-in rules', () => {
  it('answers once for every (rule, resource) pair and every (workload rule, workload)', () => {
    const snapshot = mixed().build();
    const assessment = assessSnapshot(snapshot, rules);
    for (const rule of rules) {
      const results = assessment.results.filter((r) => r.ruleId === rule.id);
      if (rule.resourceType === 'workload') {
        expect(results.map((r) => r.workloadId).sort(), rule.id).toEqual(assessment.model.workloads.map((w) => w.id).sort());
      } else {
        const type = rule.resourceType as ResourceType;
        expect(results.map((r) => r.resource.id).sort(), rule.id).toEqual((snapshot.resources[type] ?? []).map((r) => resourceId(type, r)).sort());
      }
    }
  });

  it('raises no rule errors on an ordinary estate, and names the SPOF workloads', () => {
    const sink = memorySink();
    const assessment = assessSnapshot(mixed().build(), rules, { reporter: sink });
    expect(assessment.results.filter((r) => r.status === 'error').map((r) => `${r.ruleId} on ${r.resource.id}: ${r.detail}`)).toEqual([]);
    expect(sink.events.filter((e) => e.code === 'rules.rule-error')).toEqual([]);
    expect(sink.events.find((e) => e.code === 'model.workloads')).toMatchObject({ count: assessment.model.workloads.length });
    const names = new Map(assessment.model.workloads.map((w) => [w.name, w.id]));
    expect(assessment.spofWorkloads.has(names.get('db-primary')!)).toBe(true);
    expect(assessment.spofWorkloads.has(names.get('worker')!)).toBe(true);
    expect(assessment.spofWorkloads.has(names.get('web')!)).toBe(false);
    for (const id of assessment.spofWorkloads) expect(assessment.findings.some((f) => f.spof && (f.workloadId === id || f.workloadIds?.includes(id)))).toBe(true);
  });

  it('turns a coverage gap into unknown results instead of passes', () => {
    const complete = assessSnapshot(mixed().build(), rules);
    const gap = assessSnapshot(mixed().coverage('elbv2', 'error').build(), rules);
    const unknown = gap.results.filter((r) => r.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((r) => /elbv2/.test(r.detail ?? ''))).toBe(true);
    // What passed with complete data and does not pass now became unknown, never a silent pass or a new finding.
    const key = (r: { ruleId: string; resource: { id: string } }): string => `${r.ruleId}|${r.resource.id}`;
    const before = new Map(complete.results.map((r) => [key(r), r.status]));
    for (const result of gap.results) {
      const was = before.get(key(result));
      if (was === undefined) continue;
      expect([was, 'unknown'], key(result)).toContain(result.status);
    }
  });

  it('is deterministic', () => {
    const a = assessSnapshot(mixed().build(), rules);
    const b = assessSnapshot(mixed().build(), [...rules].reverse());
    expect(JSON.stringify({ r: b.results, f: b.findings })).toBe(JSON.stringify({ r: a.results, f: a.findings }));
  });
});
