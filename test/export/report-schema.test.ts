import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/export/report-json.js';
import { paths } from '../../src/paths.js';
import { assessModel } from '../../src/rules/assess.js';
import { RESOURCE_TYPES } from '../../src/snapshot/types.js';
import { snapshotOf, tinyModel } from '../rules/engine/tiny-model.js';
import { fixtureReport } from './report-fixture.js';
import { expectValidReport } from './report-validator.js';

const schema = JSON.parse(readFileSync(join(paths.schemas, 'report.schema.json'), 'utf8')) as { definitions: { resourceType: { enum: string[] } }; properties: { summary: { properties: { resources: { required: string[] } } } } };

describe('report.schema.json', () => {
  it('accepts the reports kubelift produces: full, with Kubernetes plans, and of an empty estate', () => {
    expectValidReport(fixtureReport());
    expectValidReport(fixtureReport({ kubernetesOf: (id) => ({ kind: 'Deployment', replicas: 2, workload: id }) }));
    expectValidReport(buildReport(assessModel(tinyModel(snapshotOf({})), []), { toolVersion: '0.1.0', generatedAt: '2026-01-01T00:00:00.000Z' }));
  });

  it('rejects what a consumer must not receive', () => {
    const report = fixtureReport();
    expect(() => expectValidReport({ ...report, schemaVersion: 2 })).toThrow();
    expect(() => expectValidReport({ ...report, findings: [{ ...report.findings[0], severity: 'severe' }] })).toThrow();
    expect(() => expectValidReport({ ...report, summary: { ...report.summary, extra: 1 } })).toThrow();
  });

  it('knows every resource type of the snapshot format', () => {
    expect(schema.definitions.resourceType.enum).toEqual([...RESOURCE_TYPES]);
    expect(schema.properties.summary.properties.resources.required).toEqual([...RESOURCE_TYPES]);
  });
});
