import { describe, expect, it } from 'vitest';
import { awsTree } from '../../../../src/ui/screens/detail/aws-tree.js';
import { findingLines, taskLines } from '../../../../src/ui/screens/detail/model.js';
import { fixtureFindings, fixtureModel, fixturePlan, fixtureWorkloads } from '../../fixtures.js';

const text = (lines: { depth: number; text: string }[]) => lines.map((l) => `${'  '.repeat(l.depth)}${l.text}`);

describe('AWS today', () => {
  it('draws load balancer → target group → group → instances per zone, with health', () => {
    const [checkout] = fixtureWorkloads();
    const lines = text(awsTree(fixtureModel(), checkout!));
    expect(lines).toEqual([
      'ALB shop · internet-facing · zones us-east-1a, us-east-1b',
      '  TG checkout · HTTP:8080 · check HTTP /health · 1/1 healthy',
      'Auto Scaling group checkout-asg · desired 1 (min 1, max 2)',
      '  health check EC2, grace 300 s',
      'Instances: 1 running in 1 zone(s)',
      '  us-east-1a · 1 running',
      '    i-0a1 (m5.large) · running · healthy',
    ]);
  });

  it('shows each zone with its instances and an unhealthy target as such', () => {
    const web = fixtureWorkloads()[2]!;
    const tree = awsTree(fixtureModel(), web);
    const c = tree.find((l) => l.text.startsWith('i-0w3'));
    expect(c).toMatchObject({ text: 'i-0w3 (m5.large) · running · unhealthy', tone: 'error' });
    expect(tree.find((l) => l.text.startsWith('TG web'))?.text).toContain('2/3 healthy');
    expect(tree.filter((l) => l.depth === 1 && l.text.includes('running')).map((l) => l.text)).toEqual(['us-east-1a · 1 running', 'us-east-1b · 1 running', 'us-east-1c · 1 running']);
  });

  it('shows a zone the group may use but has no instance in', () => {
    const model = fixtureModel();
    const asg = model.snapshot.resources['AWS::AutoScaling::AutoScalingGroup']![0]!;
    asg.AvailabilityZones = ['us-east-1a', 'us-east-1b'];
    const tree = awsTree(model, fixtureWorkloads()[0]!);
    expect(tree.find((l) => l.text === 'us-east-1b · 0 running')?.tone).toBe('error');
  });

  it('says what was not collected instead of guessing', () => {
    const model = fixtureModel();
    delete model.snapshot.resources['AWS::ElasticLoadBalancingV2::TargetGroup']![0]!.TargetHealthDescriptions;
    const tree = text(awsTree(model, fixtureWorkloads()[0]!));
    expect(tree[1]).toContain('target health not collected');
    const alone = text(awsTree(model, fixtureWorkloads()[1]!));
    expect(alone[0]).toBe('No load balancer in front of this workload');
    expect(alone).toContain('    i-0r1 reports (m5.large) · running');
  });
});

describe('finding lines', () => {
  it('gives each finding its problem, AWS fix and Kubernetes equivalent, wrapped', () => {
    const lines = findingLines(fixtureFindings().slice(0, 1), 50).map((l) => l.text);
    expect(lines[0]).toBe('HIGH · SPOF · asg single az [asg-single-az]');
    expect(lines.join(' ')).toContain('on AWS: spread the group');
    expect(lines.join(' ')).toContain('on Kubernetes: replicas >= 2');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(50);
    expect(findingLines([], 50)[0]?.text).toContain('No findings');
  });
});

describe('task lines', () => {
  it('lists what a person must do, blocking work marked, then the conversions to review', () => {
    const plan = {
      ...fixturePlan(fixtureWorkloads()[0]!, [], undefined),
      tasks: [{ id: 'image', kind: 'image' as const, title: 'Build a container image for checkout-api', detail: 'Nothing on AWS says which image runs this workload.', blocking: true }],
      warnings: ['The workload ran in a single zone on EC2; on Kubernetes its pods must spread over 2 zones.'],
    };
    const lines = taskLines(plan, 60).map((l) => l.text);
    expect(lines[0]).toMatch(/^TO DO · BLOCKS THE MIGRATION · Build a container image/);
    expect(lines[1]).toMatch(/^ {2}(for )?checkout-api$/);
    expect(lines[2]).toBe('    Nothing on AWS says which image runs this workload.');
    expect(lines[3]).toMatch(/^REVIEW · The workload ran in a single zone/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(taskLines(undefined, 60)).toEqual([]);
  });
});
