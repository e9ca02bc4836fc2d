import { describe, expect, it } from 'vitest';
import type { AwsResource, Snapshot } from '../../src/snapshot/types.js';
import { estate } from '../helpers/estate-builder.js';
import { at, planOf } from './helpers.js';

function withPolicies(snapshot: Snapshot, group: string, policies: Record<string, unknown>[], actions: Record<string, unknown>[] = []): Snapshot {
  const base = { accountId: '123456789012', region: 'us-east-1', AutoScalingGroupName: group };
  snapshot.resources['AWS::AutoScaling::ScalingPolicy'] = policies.map((p, i) => ({ ...base, PolicyName: `p${i}`, PolicyARN: `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:${i}:autoScalingGroupName/${group}:policyName/p${i}`, ...p }) as AwsResource);
  snapshot.resources['AWS::AutoScaling::ScheduledAction'] = actions.map((a, i) => ({ ...base, ScheduledActionName: `a${i}`, ScheduledActionARN: `arn:aws:autoscaling:us-east-1:123456789012:scheduledUpdateGroupAction:${i}`, ...a }) as AwsResource);
  return snapshot;
}

describe('autoscaling', () => {
  it('an ASG that scaled on CPU becomes an HPA with minReplicas ≥ 2 and maxReplicas above it', async () => {
    const s = withPolicies(estate().asg('api', { desired: 1, min: 1, max: 2 }).build(), 'api', [
      { PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 90 } },
    ]);
    const { plan } = await planOf(s, 'api');
    expect(plan.autoscaling).toEqual({ enabled: true, minReplicas: 2, maxReplicas: 3 });
    expect(plan.values.autoscaling).toMatchObject({ enabled: true, minReplicas: 2, maxReplicas: 3, targetCPUUtilizationPercentage: 80 });
    expect(plan.provenance['autoscaling.targetCPUUtilizationPercentage']).toMatchObject({ source: 'aws', field: 'TargetTrackingConfiguration.TargetValue' });
    expect(plan.replicas).toBe(2);
  });

  it('an ASG without scaling policies keeps a fixed replica count', async () => {
    const { plan } = await planOf(estate().asg('api', { desired: 3, min: 2, max: 6 }), 'api');
    expect(plan.autoscaling).toEqual({ enabled: false });
    expect(plan.values.autoscaling).toEqual({ enabled: false });
    expect(plan.values.replicaCount).toBe(3);
  });

  it('request-count and CloudWatch-metric policies become optional KEDA triggers; the HPA tracks CPU meanwhile', async () => {
    const s = withPolicies(estate().asg('api', { desired: 2, min: 2, max: 8 }).build(), 'api', [
      { PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'app/front/1234/targetgroup/api-tg/5678' }, TargetValue: 500 } },
      { PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { CustomizedMetricSpecification: { MetricName: 'QueueDepth', Namespace: 'App', Statistic: 'Average', Dimensions: [{ Name: 'Queue', Value: 'jobs' }] }, TargetValue: 100 } },
    ]);
    const { plan } = await planOf(s, 'api');
    expect(at(plan.values, 'autoscaling.enabled')).toBe(true);
    expect(at(plan.values, 'autoscaling.targetCPUUtilizationPercentage')).toBe(70);
    expect(at(plan.values, 'autoscaling.keda.enabled')).toBe(false);
    expect(at(plan.values, 'autoscaling.keda.triggers')).toEqual([
      { type: 'aws-cloudwatch', metadata: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCountPerTarget', dimensionName: 'TargetGroup', dimensionValue: 'targetgroup/api-tg/5678', targetMetricValue: '500', metricStat: 'Sum', awsRegion: 'us-east-1' } },
      { type: 'aws-cloudwatch', metadata: { namespace: 'App', metricName: 'QueueDepth', targetMetricValue: '100', metricStat: 'Average', awsRegion: 'us-east-1', dimensionName: 'Queue', dimensionValue: 'jobs' } },
    ]);
    expect(plan.provenance['autoscaling.keda.enabled']?.reason).toMatch(/optional/);
  });

  it('pairs scheduled scale-up and scale-down actions into KEDA cron windows', async () => {
    const s = withPolicies(
      estate().asg('api', { desired: 2, min: 2, max: 10 }).build(),
      'api',
      [{ PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 60 } }],
      [
        { Recurrence: '0 7 * * 1-5', MinSize: 6, DesiredCapacity: 6, TimeZone: 'Europe/Berlin' },
        { Recurrence: '0 19 * * 1-5', MinSize: 2, DesiredCapacity: 2, TimeZone: 'Europe/Berlin' },
        { StartTime: '2026-12-24T00:00:00Z', DesiredCapacity: 8 },
      ],
    );
    const { plan } = await planOf(s, 'api');
    expect(at(plan.values, 'autoscaling.keda.triggers')).toEqual([{ type: 'cron', metadata: { timezone: 'Europe/Berlin', start: '0 7 * * 1-5', end: '0 19 * * 1-5', desiredReplicas: '6' } }]);
    expect(plan.warnings?.join(' ')).toMatch(/One-time scheduled action a2/);
  });

  it('step scaling is flagged as lossy', async () => {
    const s = withPolicies(estate().asg('api', { desired: 2, min: 2, max: 4 }).build(), 'api', [{ PolicyType: 'StepScaling', StepAdjustments: [{ ScalingAdjustment: 1 }] }]);
    const { plan } = await planOf(s, 'api');
    expect(plan.autoscaling.enabled).toBe(true);
    expect(plan.warnings?.some((w) => /StepScaling policy p0/.test(w))).toBe(true);
  });

  it('a decision turns autoscaling off or sets its bounds', async () => {
    const e = estate().asg('api', { desired: 2, min: 2, max: 4, policies: ['cpu'] });
    expect((await planOf(e, 'api', { decision: { autoscaling: { enabled: false } } })).plan.autoscaling).toEqual({ enabled: false });
    const on = await planOf(estate().asg('api', { desired: 2 }), 'api', { decision: { autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 12 } } });
    expect(on.plan.autoscaling).toEqual({ enabled: true, minReplicas: 3, maxReplicas: 12 });
    expect(on.plan.provenance['autoscaling.minReplicas']).toMatchObject({ source: 'decision' });
  });
});
