import { describe, expect, it } from 'vitest';
import { memorySink } from '../../../src/events/sinks.js';
import { evaluateRules } from '../../../src/rules/evaluate.js';
import type { RuleResult } from '../../../src/rules/types.js';
import { ACCOUNT, REGION, refTo, snapshotOf, tinyModel } from './tiny-model.js';
import { rule } from './rule-files.js';

const instances = [
  { InstanceId: 'i-0aaaaaaaaaaaaaaa1', State: { Name: 'running' }, Tags: [{ Key: 'Name', Value: 'web-1' }] },
  { InstanceId: 'i-0aaaaaaaaaaaaaaa2', State: { Name: 'running' } },
  { InstanceId: 'i-0aaaaaaaaaaaaaaa3', State: { Name: 'stopped' } },
];

function statusOf(results: RuleResult[], ruleId: string): Record<string, string> {
  return Object.fromEntries(results.filter((r) => r.ruleId === ruleId).map((r) => [r.resource.id, r.status]));
}

describe('evaluateRules', () => {
  it('gives fires, passes and not-applicable, with the message rendered from CEL placeholders', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances });
    const model = tinyModel(snapshot, { 'i-0aaaaaaaaaaaaaaa1': { name: 'web-1', inASG: false, zones: ['eu-west-1a'] }, 'i-0aaaaaaaaaaaaaaa2': { name: 'i-0aaaaaaaaaaaaaaa2', inASG: true, zones: [] } });
    const standalone = rule({
      id: 'instance-standalone',
      applies: "resource.State.Name == 'running'",
      condition: '!facts.inASG',
      message: 'Instance {{ facts.name }} ({{ resource.InstanceId }}) runs alone in {{ facts.zones }}; {{ size(facts.zones) }} zone',
      severity: 'high',
      spof: true,
    });
    const { results, findings } = evaluateRules(model, [standalone]);
    expect(statusOf(results, 'instance-standalone')).toEqual({ 'i-0aaaaaaaaaaaaaaa1': 'fires', 'i-0aaaaaaaaaaaaaaa2': 'passes', 'i-0aaaaaaaaaaaaaaa3': 'not-applicable' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      id: 'instance-standalone:instance:i-0aaaaaaaaaaaaaaa1',
      ruleId: 'instance-standalone',
      severity: 'high',
      spof: true,
      message: 'Instance web-1 (i-0aaaaaaaaaaaaaaa1) runs alone in eu-west-1a; 1 zone',
      resource: { type: 'AWS::EC2::Instance', id: 'i-0aaaaaaaaaaaaaaa1', name: 'web-1', accountId: ACCOUNT, region: REGION, arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0aaaaaaaaaaaaaaa1` },
    });
  });

  it('fetches facts once per resource, however many rules read them', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances });
    const model = tinyModel(snapshot, {});
    evaluateRules(model, [1, 2, 3, 4].map((n) => rule({ id: `r${n}`, condition: 'has(facts.x)' })));
    expect(model.factCalls).toBe(instances.length);
    const untouched = tinyModel(snapshot, {});
    evaluateRules(untouched, [rule({ id: 'resource-only', condition: "resource.State.Name == 'running'" })]);
    expect(untouched.factCalls).toBe(0);
  });

  it('reports a condition that throws as an error result with the reason, never as a pass, and emits an event', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances });
    const model = tinyModel(snapshot, {});
    const sink = memorySink();
    const { results, findings } = evaluateRules(model, [rule({ id: 'missing-field', condition: 'resource.Monitoring.State == "enabled"' })], { reporter: sink });
    expect(results.map((r) => r.status)).toEqual(['error', 'error', 'error']);
    expect(results[0]!.detail).toBe('condition could not be evaluated: No such key: Monitoring');
    expect(findings).toEqual([]);
    expect(sink.events.filter((e) => e.code === 'rules.rule-error')).toHaveLength(3);
    expect(sink.events[0]).toMatchObject({ level: 'warn', code: 'rules.rule-error', ruleId: 'missing-field', resourceId: 'i-0aaaaaaaaaaaaaaa1' });
  });

  it('reports a guard or condition that returns something other than a boolean as an error', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': [{ InstanceId: 'i-0aaaaaaaaaaaaaaa1', Flag: 'yes', Count: 3 }] });
    const model = tinyModel(snapshot, {});
    const { results } = evaluateRules(model, [rule({ id: 'string-condition', condition: 'resource.Flag' }), rule({ id: 'number-guard', applies: 'resource.Count', condition: 'true' })]);
    expect(results.map((r) => [r.ruleId, r.status, r.detail])).toEqual([
      ['number-guard', 'error', 'applies returned double, not a boolean'],
      ['string-condition', 'error', 'condition returned string, not a boolean'],
    ]);
  });

  it('reports a rule that does not compile as an error on every resource', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances.slice(0, 1) });
    const { results } = evaluateRules(tinyModel(snapshot), [rule({ id: 'broken', condition: 'size(' })]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'error', detail: expect.stringMatching(/^the rule does not compile: condition: /) });
  });

  it('keeps a finding whose message placeholder fails, and reports the placeholder', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances.slice(0, 1) });
    const sink = memorySink();
    const { findings } = evaluateRules(tinyModel(snapshot, { 'i-0aaaaaaaaaaaaaaa1': { zones: [] } }), [rule({ id: 'msg', condition: 'true', message: 'alone in {{ facts.zones[0] }}' })], { reporter: sink });
    expect(findings[0]!.message).toBe('alone in {{facts.zones[0]}}');
    expect(sink.events).toEqual([expect.objectContaining({ code: 'rules.rule-error', ruleId: 'msg', error: expect.stringMatching(/^message placeholder \{\{ facts\.zones\[0\] \}\}: .*index out of bounds/) })]);
  });

  it('answers unknown where the resource type was not collected, for seen and unseen resources', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances.slice(0, 1) }, [
      { accountId: ACCOUNT, region: REGION, service: 'ec2', status: 'error', errorCode: 'UnauthorizedOperation', error: 'not authorized to perform ec2:DescribeInstances' },
      { accountId: ACCOUNT, region: 'us-east-1', service: 'ec2', status: 'error', error: 'AccessDenied' },
      { accountId: ACCOUNT, region: 'us-west-2', service: 'ec2', status: 'error', error: 'volumes only', missing: ['AWS::EC2::Volume'] },
    ]);
    const { results, findings } = evaluateRules(tinyModel(snapshot), [rule({ id: 'always', condition: 'true' })]);
    expect(findings).toEqual([]);
    expect(results.map((r) => [r.status, r.resource.region, r.resource.id, r.detail])).toEqual([
      ['unknown', REGION, 'i-0aaaaaaaaaaaaaaa1', `ec2 was not collected in ${ACCOUNT} ${REGION}: not authorized to perform ec2:DescribeInstances`],
      ['unknown', REGION, '*', `ec2 was not collected in ${ACCOUNT} ${REGION}: not authorized to perform ec2:DescribeInstances`],
      ['unknown', 'us-east-1', '*', `ec2 was not collected in ${ACCOUNT} us-east-1: AccessDenied`],
    ]);
  });

  it('answers unknown when a fact the rule reads comes from a service that failed, and only then', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances.slice(0, 1) }, [
      { accountId: ACCOUNT, region: REGION, service: 'ec2', status: 'ok' },
      { accountId: ACCOUNT, region: REGION, service: 'autoscaling', status: 'ok' },
      { accountId: ACCOUNT, region: REGION, service: 'elbv2', status: 'ok' },
      { accountId: ACCOUNT, region: REGION, service: 'elb', status: 'error', error: 'AccessDenied' },
    ]);
    const model = tinyModel(snapshot, { 'i-0aaaaaaaaaaaaaaa1': { behindLoadBalancer: false, elasticIp: true } });
    const { results } = evaluateRules(model, [
      rule({ id: 'reads-lb', condition: '!facts.behindLoadBalancer' }),
      rule({ id: 'reads-eip', condition: 'facts.elasticIp' }),
      rule({ id: 'reads-resource', condition: "resource.State.Name == 'running'" }),
    ]);
    expect(results.map((r) => [r.ruleId, r.status])).toEqual([
      ['reads-eip', 'fires'],
      ['reads-lb', 'unknown'],
      ['reads-resource', 'fires'],
    ]);
    expect(results[1]!.detail).toBe(`elb was not collected in ${ACCOUNT} ${REGION}: AccessDenied`);
  });

  it('answers unknown when a service a fact needs has no coverage record where others do', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances.slice(0, 1) }, [{ accountId: ACCOUNT, region: REGION, service: 'ec2', status: 'ok' }]);
    const { results } = evaluateRules(tinyModel(snapshot, { 'i-0aaaaaaaaaaaaaaa1': { behindLoadBalancer: false } }), [rule({ id: 'reads-lb', condition: '!facts.behindLoadBalancer' })]);
    expect(results[0]).toMatchObject({ status: 'unknown', detail: `autoscaling was not collected in ${ACCOUNT} ${REGION}` });
  });

  it('evaluates workload rules on workload facts, reported on the group, with workload finding ids', () => {
    const snapshot = snapshotOf({
      'AWS::AutoScaling::AutoScalingGroup': [{ AutoScalingGroupName: 'web', AutoScalingGroupARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:1:autoScalingGroupName/web` }],
      'AWS::EC2::Instance': instances,
    });
    const asg = refTo(snapshot, 'AWS::AutoScaling::AutoScalingGroup', 'web');
    const model = tinyModel(snapshot, {}, [
      { id: 'web', asg, members: [refTo(snapshot, 'AWS::EC2::Instance', 'i-0aaaaaaaaaaaaaaa1')], facts: { replicas: 1, zones: ['eu-west-1a'] } },
      { id: 'db', members: [refTo(snapshot, 'AWS::EC2::Instance', 'i-0aaaaaaaaaaaaaaa2')], facts: { replicas: 2, zones: ['eu-west-1a', 'eu-west-1b'] } },
    ]);
    const single = rule({ id: 'workload-single-replica', resourceType: 'workload', spof: true, condition: 'workload.replicas < 2 && size(facts.zones) == 1', message: '{{ workload.replicas }} replica in {{ facts.zones }}' });
    const { results, findings } = evaluateRules(model, [single]);
    expect(results.map((r) => [r.workloadId, r.status])).toEqual([
      ['db', 'passes'],
      ['web', 'fires'],
    ]);
    expect(findings).toEqual([
      expect.objectContaining({ id: 'workload-single-replica:workload:web', workloadId: 'web', message: '1 replica in eu-west-1a', resource: expect.objectContaining({ type: 'AWS::AutoScaling::AutoScalingGroup', id: 'web' }) }),
    ]);
  });

  it('lists workload findings by the resource they are reported on, among resource findings, and names that resource in events', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances });
    // Workload ids in one order, the instances they are reported on in the other.
    const model = tinyModel(snapshot, {}, [
      { id: 'a', members: [refTo(snapshot, 'AWS::EC2::Instance', 'i-0aaaaaaaaaaaaaaa3')], facts: { replicas: 1 } },
      { id: 'b', members: [refTo(snapshot, 'AWS::EC2::Instance', 'i-0aaaaaaaaaaaaaaa1')], facts: {} },
    ]);
    const sink = memorySink();
    const { findings } = evaluateRules(
      model,
      [
        rule({ id: 'w-high', resourceType: 'workload', severity: 'high', condition: 'true', message: 'x' }),
        rule({ id: 'w-broken', resourceType: 'workload', severity: 'high', condition: 'workload.replicas == 1', message: 'x' }),
        rule({ id: 'r-high', severity: 'high', condition: "resource.InstanceId != 'i-0aaaaaaaaaaaaaaa2'" }),
        rule({ id: 'r-critical', severity: 'critical', condition: 'true' }),
      ],
      { reporter: sink },
    );
    expect(findings.map((f) => `${f.ruleId}@${f.resource.id.slice(-1)}`)).toEqual(['r-critical@1', 'r-critical@2', 'r-critical@3', 'r-high@1', 'r-high@3', 'w-broken@3', 'w-high@1', 'w-high@3']);
    expect(sink.events.filter((e) => e.code === 'rules.rule-error')).toEqual([expect.objectContaining({ ruleId: 'w-broken', resourceId: 'i-0aaaaaaaaaaaaaaa1' })]);
  });

  it('gives resource rules their workload facts as `workload`, and null outside any workload', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances.slice(0, 2) });
    const model = tinyModel(snapshot, {}, [{ id: 'web', members: [refTo(snapshot, 'AWS::EC2::Instance', 'i-0aaaaaaaaaaaaaaa1')], facts: { replicas: 1 } }]);
    const { results } = evaluateRules(model, [rule({ id: 'lonely', condition: 'workload != null && workload.replicas == 1' }), rule({ id: 'orphan', condition: 'workload == null' })]);
    expect(statusOf(results, 'lonely')).toEqual({ 'i-0aaaaaaaaaaaaaaa1': 'fires', 'i-0aaaaaaaaaaaaaaa2': 'passes' });
    expect(statusOf(results, 'orphan')).toEqual({ 'i-0aaaaaaaaaaaaaaa1': 'passes', 'i-0aaaaaaaaaaaaaaa2': 'fires' });
    expect(results.find((r) => r.ruleId === 'lonely' && r.status === 'fires')!.workloadId).toBe('web');
  });

  it('credits a finding on a shared resource to every workload it serves', () => {
    const lbArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/shared/0123456789abcdef`;
    const snapshot = snapshotOf({ 'AWS::ElasticLoadBalancingV2::LoadBalancer': [{ LoadBalancerArn: lbArn, LoadBalancerName: 'shared' }] });
    const lb = refTo(snapshot, 'AWS::ElasticLoadBalancingV2::LoadBalancer', lbArn);
    const model = tinyModel(snapshot, {}, [
      { id: 'b-app', members: [lb] },
      { id: 'a-app', members: [lb] },
    ]);
    const { findings } = evaluateRules(model, [rule({ id: 'lb-single-az', resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', spof: true, condition: 'true', message: 'x' })]);
    expect(findings[0]).toMatchObject({ id: `lb-single-az:load-balancer:${lbArn}`, workloadId: 'a-app', workloadIds: ['a-app', 'b-app'], resource: { arn: lbArn, name: 'shared' } });
  });

  it('sorts findings worst first, SPOFs first within a severity, and results by rule then resource, whatever the input order', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': [...instances].reverse() });
    const rules = [
      rule({ id: 'z-low', severity: 'low', condition: 'true' }),
      rule({ id: 'a-medium', severity: 'medium', condition: 'true' }),
      rule({ id: 'm-medium-spof', severity: 'medium', spof: true, condition: 'true' }),
      rule({ id: 'b-critical', severity: 'critical', condition: "resource.InstanceId.endsWith('2')" }),
    ];
    const first = evaluateRules(tinyModel(snapshot), rules);
    expect(first.findings.map((f) => `${f.ruleId}@${f.resource.id.slice(-1)}`)).toEqual(['b-critical@2', 'm-medium-spof@1', 'm-medium-spof@2', 'm-medium-spof@3', 'a-medium@1', 'a-medium@2', 'a-medium@3', 'z-low@1', 'z-low@2', 'z-low@3']);
    expect(first.results.map((r) => r.ruleId).filter((id, i, all) => all.indexOf(id) === i)).toEqual(['a-medium', 'b-critical', 'm-medium-spof', 'z-low']);
    const again = evaluateRules(tinyModel(snapshotOf({ 'AWS::EC2::Instance': instances })), [...rules].reverse());
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  it('counts results per status and keeps the error and unknown ones apart, as the full list says', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances }, [{ accountId: ACCOUNT, region: 'us-east-1', service: 'ec2', status: 'error', error: 'AccessDenied' }]);
    const evaluation = evaluateRules(tinyModel(snapshot), [
      rule({ id: 'running', applies: "resource.State.Name == 'running'", condition: "has(resource.Tags)" }),
      rule({ id: 'broken', condition: 'resource.Monitoring.State == "enabled"' }),
    ]);
    const { results } = evaluation;
    expect(evaluation.results).toBe(results);
    const counted = { fires: 0, passes: 0, 'not-applicable': 0, error: 0, unknown: 0 };
    for (const r of results) counted[r.status]++;
    expect(evaluation.checks).toEqual(counted);
    expect(counted).toEqual({ fires: 1, passes: 1, 'not-applicable': 1, error: 3, unknown: 2 });
    expect(evaluation.undetermined).toEqual(results.filter((r) => r.status === 'error' || r.status === 'unknown'));
  });

  it('evaluates a guard several rules share once per resource, and gives its failure to each of them', () => {
    const snapshot = snapshotOf({ 'AWS::EC2::Instance': instances.slice(0, 1) });
    const shared = 'resource.Monitoring.State == "enabled"';
    const { results } = evaluateRules(tinyModel(snapshot), [rule({ id: 'a', applies: shared, condition: 'true' }), rule({ id: 'b', applies: shared, condition: 'false' })]);
    expect(results.map((r) => [r.ruleId, r.status, r.detail])).toEqual([
      ['a', 'error', 'applies could not be evaluated: No such key: Monitoring'],
      ['b', 'error', 'applies could not be evaluated: No such key: Monitoring'],
    ]);
    const running = "resource.State.Name == 'running'";
    const both = evaluateRules(tinyModel(snapshotOf({ 'AWS::EC2::Instance': instances })), [rule({ id: 'a', applies: running, condition: 'true' }), rule({ id: 'b', applies: running, condition: 'false' })]);
    expect(both.results.map((r) => `${r.ruleId}:${r.resource.id.slice(-1)}:${r.status}`)).toEqual(['a:1:fires', 'a:2:fires', 'a:3:not-applicable', 'b:1:passes', 'b:2:passes', 'b:3:not-applicable']);
  });

  it('makes finding ids unique across accounts and regions for names, and keeps AWS ids as they are', () => {
    const snapshot = snapshotOf({
      'AWS::ElasticLoadBalancing::LoadBalancer': [
        { LoadBalancerName: 'legacy', region: 'eu-west-1' },
        { LoadBalancerName: 'legacy', region: 'us-east-1' },
      ],
    });
    const { findings } = evaluateRules(tinyModel(snapshot), [rule({ id: 'clb', resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer', condition: 'true', message: 'x' })]);
    expect(findings.map((f) => f.id)).toEqual([`clb:classic-load-balancer:${ACCOUNT}:eu-west-1:legacy`, `clb:classic-load-balancer:${ACCOUNT}:us-east-1:legacy`]);
    expect(findings[0]!.resource.arn).toBe(`arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/legacy`);
    // A name that happens to look like an EC2 id is still only a name.
    const asg = snapshotOf({ 'AWS::AutoScaling::AutoScalingGroup': [{ AutoScalingGroupName: 'svc-0123456789abcdef' }] });
    const { findings: asgFindings } = evaluateRules(tinyModel(asg), [rule({ id: 'asg', resourceType: 'AWS::AutoScaling::AutoScalingGroup', condition: 'true', message: 'x' })]);
    expect(asgFindings[0]!.id).toBe(`asg:asg:${ACCOUNT}:${REGION}:svc-0123456789abcdef`);
  });
});
