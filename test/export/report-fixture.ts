/**
 * A small assessment with every case a report must show: a SPOF workload, a
 * workload with a non-SPOF finding, a clean workload, a finding outside any
 * workload, an error and an unknown check, a coverage gap, and names that
 * need escaping in Markdown, HTML and terminals.
 */
import { assessModel, type Assessment } from '../../src/rules/assess.js';
import { buildReport, type Report } from '../../src/export/report-json.js';
import { ACCOUNT, REGION, refTo, snapshotOf, tinyModel } from '../rules/engine/tiny-model.js';
import { rule } from '../rules/engine/rule-files.js';

export const HOSTILE_NAME = 'db|<script>alert(1)</script>*_`x`\u001b[31m';

export function fixtureAssessment(): Assessment {
  const tgArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/idle/0123456789abcdef`;
  const snapshot = snapshotOf(
    {
      'AWS::AutoScaling::AutoScalingGroup': [
        { AutoScalingGroupName: 'web', MinSize: 1, HealthCheckType: 'EC2' },
        { AutoScalingGroupName: 'api', MinSize: 3, HealthCheckType: 'ELB' },
      ],
      'AWS::EC2::Instance': [
        { InstanceId: 'i-0aaaaaaaaaaaaaaa1', Tags: [{ Key: 'Name', Value: 'web-1' }] },
        { InstanceId: 'i-0aaaaaaaaaaaaaaa2', Tags: [{ Key: 'Name', Value: HOSTILE_NAME }] },
        { InstanceId: 'i-0aaaaaaaaaaaaaaa3', Tags: [{ Key: 'Name', Value: 'api-1' }] },
      ],
      'AWS::ElasticLoadBalancingV2::TargetGroup': [{ TargetGroupArn: tgArn, TargetGroupName: 'idle' }],
    },
    [
      { accountId: ACCOUNT, region: REGION, service: 'ec2', status: 'ok' },
      { accountId: ACCOUNT, region: REGION, service: 'autoscaling', status: 'ok' },
      { accountId: ACCOUNT, region: REGION, service: 'elbv2', status: 'ok' },
      { accountId: ACCOUNT, region: REGION, service: 'elb', status: 'error', errorCode: 'AccessDenied', error: 'User is not authorized to perform elasticloadbalancing:DescribeLoadBalancers' },
    ],
  );
  const ref = (type: Parameters<typeof refTo>[1], id: string) => refTo(snapshot, type, id);
  const model = tinyModel(
    snapshot,
    { 'i-0aaaaaaaaaaaaaaa2': { dataVolumes: ['vol-0123456789abcdef0'] } },
    [
      { id: 'web', asg: ref('AWS::AutoScaling::AutoScalingGroup', 'web'), members: [ref('AWS::EC2::Instance', 'i-0aaaaaaaaaaaaaaa1')] },
      { id: 'db', members: [ref('AWS::EC2::Instance', 'i-0aaaaaaaaaaaaaaa2')] },
      { id: 'api', asg: ref('AWS::AutoScaling::AutoScalingGroup', 'api'), members: [ref('AWS::EC2::Instance', 'i-0aaaaaaaaaaaaaaa3')] },
    ],
  );
  model.workloads.find((w) => w.id === 'db')!.name = HOSTILE_NAME;
  const rules = [
    rule({ id: 'asg-min-one', resourceType: 'AWS::AutoScaling::AutoScalingGroup', severity: 'high', spof: true, rationale: 'One instance is one failure away from an outage.', condition: 'resource.MinSize < 2', message: 'Group {{ resource.AutoScalingGroupName }} may shrink to {{ resource.MinSize }} instance', references: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html'], kubernetes: { equivalent: 'replicas of at least 2 and a PodDisruptionBudget.', remediation: 'The exported values set replicaCount: 2.' }, remediation: 'Raise MinSize to 2.' }),
    rule({ id: 'asg-ec2-health-check', resourceType: 'AWS::AutoScaling::AutoScalingGroup', severity: 'medium', condition: "resource.HealthCheckType == 'EC2'", message: 'Group {{ resource.AutoScalingGroupName }} ignores load balancer health' }),
    rule({ id: 'instance-data-volume', severity: 'critical', spof: true, rationale: 'The data lives on one volume.', condition: 'has(facts.dataVolumes) && size(facts.dataVolumes) > 0', message: 'Instance {{ resource.InstanceId }} keeps data on {{ facts.dataVolumes }}' }),
    rule({ id: 'instance-broken', severity: 'low', condition: 'resource.NoSuchField == 1' }),
    rule({ id: 'instance-behind-lb', severity: 'info', condition: 'facts.behindLoadBalancer' }),
    rule({ id: 'target-group-idle', resourceType: 'AWS::ElasticLoadBalancingV2::TargetGroup', severity: 'low', condition: 'true', message: 'Target group {{ resource.TargetGroupName }} has no targets' }),
  ];
  return assessModel(model, rules);
}

export function fixtureReport(options: Parameters<typeof buildReport>[2] = {}): Report {
  return buildReport(fixtureAssessment(), { toolVersion: '1.2.3', generatedAt: '2026-01-02T03:04:05.000Z' }, options);
}
