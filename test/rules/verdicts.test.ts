/**
 * The verdicts an SRE would sign, on whole estates: resolve + every rule of
 * the catalog, asserting the workload-level single-point-of-failure verdict.
 * First on estates built with the estate builder, then on the demo estate
 * seeded into moto and read back by the real collectors.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { scan } from '../../src/collect/run.js';
import { silentReporter } from '../../src/events/index.js';
import type { Model, Workload } from '../../src/model/types.js';
import { paths } from '../../src/paths.js';
import { assessSnapshot, type Assessment } from '../../src/rules/assess.js';
import { loadRules } from '../../src/rules/load.js';
import type { Rule } from '../../src/rules/types.js';
import { assumeAccount, DEMO_REGION, seedDemoEstate, type DemoEstate } from '../../test-support/estates/demo.js';
import { uniqueAccountId } from '../../test-support/moto.js';
import { estate, type EstateBuilder } from '../helpers/estate-builder.js';

const [a, b, c] = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

let rules: Rule[];
beforeAll(async () => {
  rules = await loadRules([paths.rules]);
});

/** The verdict on one workload: is it a SPOF, which rules fired on it, is it stateful. */
interface Verdict {
  spof: boolean;
  spofRules: string[];
  rules: string[];
  stateful: boolean;
}

function verdictOf(assessment: Assessment, workload: Workload): Verdict {
  const findings = assessment.findings.filter((f) => f.workloadId === workload.id || f.workloadIds?.includes(workload.id));
  return {
    spof: assessment.spofWorkloads.has(workload.id),
    spofRules: [...new Set(findings.filter((f) => f.spof).map((f) => f.ruleId))].sort(),
    rules: [...new Set(findings.map((f) => f.ruleId))].sort(),
    stateful: assessment.model.workloadFacts(workload.id).stateful === true,
  };
}

function assess(builder: EstateBuilder): { assessment: Assessment; verdicts: Map<string, Verdict> } {
  const assessment = assessSnapshot(builder.build(), rules);
  // Every rule must evaluate on ordinary estates: an error is a broken rule, not a verdict.
  expect(assessment.results.filter((r) => r.status === 'error').map((r) => `${r.ruleId} on ${r.resource.name}: ${r.detail}`)).toEqual([]);
  return { assessment, verdicts: new Map(assessment.model.workloads.map((w) => [w.id, verdictOf(assessment, w)])) };
}

describe('verdicts on built estates', () => {
  it('a single instance with an Elastic IP and no Auto Scaling group is a SPOF', () => {
    const { verdicts } = assess(estate().instance('redash', { eip: true, ports: [80, 443] }));
    const redash = verdicts.get('redash')!;
    expect(redash.spof).toBe(true);
    expect(redash.spofRules).toEqual(['instance-elastic-ip-endpoint', 'workload-single-instance']);
  });

  it('an Auto Scaling group across three zones, min 2, ELB health checks, behind an ALB healthy in every zone is not a SPOF', () => {
    const { assessment, verdicts } = assess(
      estate()
        .asg('storefront', { zones: [a, b, c], desired: 3, min: 2, max: 6, healthCheckType: 'ELB', targetGroups: ['storefront'], policies: ['cpu-50'] })
        .targetGroup('storefront')
        .alb('public', { zones: [a, b, c], targetGroups: ['storefront'] }),
    );
    const storefront = verdicts.get('storefront')!;
    expect(storefront.spof).toBe(false);
    expect(storefront.spofRules).toEqual([]);
    expect(assessment.findings.filter((f) => f.spof)).toEqual([]);
    // The healthy-targets-per-zone rule was evaluated and passed, not skipped.
    expect(assessment.results.find((r) => r.ruleId === 'target-group-healthy-targets-single-az')?.status).toBe('passes');
  });

  it('an Auto Scaling group of one in one zone is a SPOF', () => {
    const { verdicts } = assess(estate().asg('orders-api', { zones: [a], desired: 1, min: 1, max: 1 }));
    const orders = verdicts.get('orders-api')!;
    expect(orders.spof).toBe(true);
    expect(orders.spofRules).toEqual(['asg-single-az', 'asg-single-instance']);
  });

  it('an Auto Scaling group in two zones with HealthCheckType EC2 attached to a target group is a finding, not a SPOF', () => {
    const { verdicts } = assess(
      estate()
        .asg('api', { zones: [a, b], desired: 2, healthCheckType: 'EC2', targetGroups: ['api'], policies: ['cpu-50'] })
        .targetGroup('api')
        .alb('internal', { zones: [a, b], targetGroups: ['api'] }),
    );
    const api = verdicts.get('api')!;
    expect(api.rules).toContain('asg-no-elb-health-check');
    expect(api.spof).toBe(false);
  });

  it('a classic ELB with both instances in one zone and cross-zone off is a SPOF', () => {
    const { verdicts } = assess(
      estate()
        .instance('billing-1', { zone: a, classicLoadBalancers: ['billing'] })
        .instance('billing-2', { zone: a, classicLoadBalancers: ['billing'] })
        .clb('billing', { zones: [a, b], crossZone: false }),
    );
    const billing = verdicts.get('billing')!;
    expect(billing.spof).toBe(true);
    expect(billing.spofRules).toEqual(['clb-healthy-instances-single-az', 'workload-single-zone']);
    expect(billing.rules).toEqual(expect.arrayContaining(['clb-cross-zone-off', 'clb-zone-without-healthy-instances']));
  });

  it('a database-like standalone instance with a data volume is a SPOF and stateful', () => {
    const { verdicts } = assess(estate().instance('postgres-primary', { dataVolumes: [200], ports: [5432], tags: { role: 'database' } }));
    const postgres = verdicts.get('postgres-primary')!;
    expect(postgres.spof).toBe(true);
    expect(postgres.stateful).toBe(true);
    expect(postgres.spofRules).toEqual(['instance-data-volume', 'workload-single-instance']);
    expect(postgres.rules).toContain('workload-stateful');
  });

  it('the six cases together keep their verdicts (no cross-talk between workloads)', () => {
    const { assessment, verdicts } = assess(
      estate()
        .instance('redash', { eip: true })
        .asg('storefront', { zones: [a, b, c], desired: 3, min: 2, healthCheckType: 'ELB', targetGroups: ['storefront'] })
        .targetGroup('storefront')
        .alb('public', { zones: [a, b, c], targetGroups: ['storefront'] })
        .asg('orders-api', { zones: [a], desired: 1 })
        .asg('api', { zones: [a, b], healthCheckType: 'EC2', targetGroups: ['api'] })
        .targetGroup('api')
        .alb('internal', { zones: [a, b], targetGroups: ['api'] })
        .instance('billing-1', { classicLoadBalancers: ['billing'] })
        .instance('billing-2', { classicLoadBalancers: ['billing'] })
        .clb('billing', { zones: [a, b] })
        .instance('postgres-primary', { dataVolumes: [200], ports: [5432] }),
    );
    expect([...assessment.spofWorkloads].sort()).toEqual(['billing', 'orders-api', 'postgres-primary', 'redash']);
    expect(assessment.model.workloads.filter((w) => w.stateful).map((w) => w.id)).toEqual(['postgres-primary']);
    expect(verdicts.get('api')!.rules).toContain('asg-no-elb-health-check');
  });
});

describe('verdicts on the demo estate, seeded into moto and scanned by the collectors', () => {
  const endpoint = inject('motoEndpoint');
  const accountId = uniqueAccountId();
  let demo: DemoEstate;
  let assessment: Assessment;

  beforeAll(async () => {
    const credentials = await assumeAccount(endpoint, accountId);
    demo = await seedDemoEstate({ endpoint, credentials });
    const { snapshot } = await scan({
      regions: [DEMO_REGION],
      endpointUrl: endpoint,
      roleArns: [`arn:aws:iam::${accountId}:role/kubelift-scan`],
      reporter: silentReporter,
      toolVersion: '0.0.0-test',
      now: new Date('2026-02-01T00:00:00.000Z'),
      env: { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    assessment = assessSnapshot(snapshot, rules);
  }, 300_000);

  const workloadOfInstance = (model: Model, instanceId: string): Workload => {
    const workload = model.workloadOf({ type: 'AWS::EC2::Instance', id: instanceId, accountId, region: DEMO_REGION });
    if (!workload) throw new Error(`instance ${instanceId} belongs to no workload`);
    return workload;
  };
  const verdict = (instanceId: string): Verdict => verdictOf(assessment, workloadOfInstance(assessment.model, instanceId));

  it('evaluates every rule without an error and collected every service', () => {
    expect(assessment.results.filter((r) => r.status === 'error').map((r) => `${r.ruleId}: ${r.detail}`)).toEqual([]);
    expect(assessment.results.filter((r) => r.status === 'unknown')).toEqual([]);
  });

  it('groups the demo into its six applications', () => {
    const { model } = assessment;
    const ids = [demo.instances.redash, demo.instances.postgres, demo.instances.jenkins, demo.instances.billing[0]!, demo.instances.storefront[0]!].map((id) => workloadOfInstance(model, id).id);
    expect(new Set(ids).size).toBe(5);
    expect(workloadOfInstance(model, demo.instances.billing[1]!).id).toBe(workloadOfInstance(model, demo.instances.billing[0]!).id);
    const storefront = workloadOfInstance(model, demo.instances.storefront[0]!);
    expect(storefront.origin).toBe('auto-scaling-group');
    expect(storefront.runningInstances.map((r) => r.id).sort()).toEqual([...demo.instances.storefront].sort());
    expect(storefront.zones).toEqual(demo.zones);
    const orders = model.workloads.find((w) => w.autoScalingGroup?.id === demo.autoScalingGroups.ordersApi);
    expect(orders?.origin).toBe('auto-scaling-group');
  });

  it('Redash on one box with an Elastic IP is a SPOF', () => {
    expect(verdict(demo.instances.redash)).toMatchObject({ spof: true, spofRules: ['instance-elastic-ip-endpoint', 'workload-single-instance'] });
  });

  it('the storefront group across three zones behind its ALB is not a SPOF', () => {
    const storefront = verdict(demo.instances.storefront[0]!);
    expect(storefront.spofRules).toEqual([]);
    expect(storefront.spof).toBe(false);
  });

  it('the orders API group of one in one zone is a SPOF, and its EC2 health checks are a finding', () => {
    const orders = assessment.model.workloads.find((w) => w.autoScalingGroup?.id === demo.autoScalingGroups.ordersApi)!;
    const v = verdictOf(assessment, orders);
    expect(v.spof).toBe(true);
    expect(v.spofRules).toEqual(expect.arrayContaining(['asg-single-az', 'asg-single-instance', 'target-group-single-healthy-target']));
    expect(v.rules).toContain('asg-no-elb-health-check');
  });

  it('billing behind a classic ELB with both instances in one zone is a SPOF', () => {
    const billing = verdict(demo.instances.billing[0]!);
    expect(billing.spof).toBe(true);
    expect(billing.spofRules).toEqual(expect.arrayContaining(['clb-single-az', 'workload-single-zone']));
    expect(billing.rules).toContain('clb-cross-zone-off');
  });

  it('PostgreSQL on one instance with a data volume is a SPOF and stateful; so is the Jenkins controller', () => {
    const postgres = verdict(demo.instances.postgres);
    expect(postgres).toMatchObject({ spof: true, stateful: true });
    expect(postgres.spofRules).toContain('instance-data-volume');
    expect(assessment.model.workloadFacts(workloadOfInstance(assessment.model, demo.instances.postgres).id).databaseLike).toBe(true);
    expect(verdict(demo.instances.jenkins)).toMatchObject({ spof: true, stateful: true });
  });

  it('links the Elastic IP and the data volumes it collected', () => {
    const facts = assessment.model.facts({ type: 'AWS::EC2::Instance', id: demo.instances.postgres, accountId, region: DEMO_REGION });
    expect(facts.dataVolumes).toHaveLength(1);
    const redash = assessment.model.facts({ type: 'AWS::EC2::Instance', id: demo.instances.redash, accountId, region: DEMO_REGION });
    expect(redash.elasticIp).toBe(true);
  });
});
