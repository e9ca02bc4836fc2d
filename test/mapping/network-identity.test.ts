import { describe, expect, it } from 'vitest';
import { labelKeyOf, sanitizeLabelValue } from '../../src/mapping/labels.js';
import { parseInstanceProfileArn, placeholderRoleArn } from '../../src/mapping/service-account.js';
import { estate } from '../helpers/estate-builder.js';
import { at, planOf } from './helpers.js';

describe('network policy from security groups', () => {
  it('keeps rules that reach the served port, maps the load balancer group to its subnets and drops SSH', async () => {
    const e = estate()
      .asg('web', { desired: 2, targetGroups: ['web-tg'] })
      .targetGroup('web-tg', { port: 8080 })
      .alb('web-alb', { targetGroups: ['web-tg'], zones: ['us-east-1a', 'us-east-1b'] })
      .instance('bastion', { ports: [22] });
    const s = e.build();
    const lb = s.resources['AWS::ElasticLoadBalancingV2::LoadBalancer']![0]!;
    lb.SecurityGroups = ['sg-alb'];
    s.resources['AWS::EC2::SecurityGroup']!.push(
      { accountId: '123456789012', region: 'us-east-1', GroupId: 'sg-web', GroupName: 'web', IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-alb' }] },
        { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '192.168.0.0/24' }] },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
        { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-web' }] },
      ], IpPermissionsEgress: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.2.0.0/16' }] }] },
      { accountId: '123456789012', region: 'us-east-1', GroupId: 'sg-alb', GroupName: 'alb', IpPermissions: [] },
    );
    for (const i of s.resources['AWS::EC2::Instance']!) if (String(i.InstanceId) && (i.Tags as { Value: string }[]).some((t) => t.Value.startsWith('web-'))) i.SecurityGroups = [{ GroupId: 'sg-web', GroupName: 'web' }];
    const { plan } = await planOf(s, 'web');
    expect(at(plan.values, 'networkPolicy.ingress')).toEqual([
      { from: [{ ipBlock: { cidr: '10.0.0.0/16' } }, { ipBlock: { cidr: '10.1.0.0/16' } }, { ipBlock: { cidr: '192.168.0.0/24' } }], ports: [{ port: 'http', protocol: 'TCP' }] },
      { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'web' } } }] },
    ]);
    expect(at(plan.values, 'networkPolicy.egress')).toEqual([{ to: [{ ipBlock: { cidr: '10.2.0.0/16' } }], ports: [{ port: 5432, protocol: 'TCP' }] }]);
    expect(plan.warnings?.join(' ')).toMatch(/tcp\/22/);
    expect(plan.warnings?.join(' ')).toMatch(/icmp/);
  });

  it('open egress stays open', async () => {
    const { plan } = await planOf(estate().instance('api', { ports: [8080] }), 'api', { detect: false });
    expect(at(plan.values, 'networkPolicy.egress')).toEqual([{}]);
    expect(at(plan.values, 'networkPolicy.ingress')).toEqual([{ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 'tcp', protocol: 'TCP' }] }]);
  });
});

describe('service account (IRSA)', () => {
  it('derives a clearly marked role placeholder from the instance profile, and a task to replace it', async () => {
    const e = estate().instance('api', {}).patch('api', (i) => void (i.IamInstanceProfile = { Arn: 'arn:aws:iam::123456789012:instance-profile/apps/api-profile', Id: 'AIPAEXAMPLE' }));
    const { plan } = await planOf(e, 'api', { detect: false });
    const arn = at(plan.values, 'serviceAccount', 'annotations', 'eks.amazonaws.com/role-arn');
    expect(arn).toBe('arn:aws:iam::123456789012:role/REPLACE-ME-role-of-api-profile');
    expect(String(arn)).toMatch(/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/.+$/);
    expect(plan.provenance['serviceAccount.annotations["eks.amazonaws.com/role-arn"]']?.reason).toMatch(/PLACEHOLDER/);
    expect(plan.tasks?.find((t) => t.kind === 'identity')?.detail).toMatch(/get-instance-profile --instance-profile-name api-profile/);
    expect(at(plan.values, 'serviceAccount.name')).toBe('api');
  });

  it('parses partitions and keeps role names within IAM\'s 64 characters', () => {
    const profile = parseInstanceProfileArn('arn:aws-cn:iam::123456789012:instance-profile/x'.replace('/x', `/${'p'.repeat(80)}`));
    expect(profile?.partition).toBe('aws-cn');
    expect(placeholderRoleArn(profile!).split('role/')[1]).toHaveLength(64);
    expect(parseInstanceProfileArn('not-an-arn')).toBeUndefined();
  });
});

describe('labels from tags', () => {
  it('sanitises keys and values, maps well-known tags, and keeps the originals in one annotation', async () => {
    const tags = { Name: 'api', Environment: 'Prod EU', Team: 'payments@corp', 'cost center': 'CC 42', 'aws:cloudformation:stack-name': 'api-stack', 'Very Long Key': 'x'.repeat(80) };
    const { plan } = await planOf(estate().asg('api', { desired: 2, tags }), 'api');
    expect(plan.values.commonLabels).toEqual({
      environment: 'Prod-EU',
      team: 'payments-corp',
      'cost-center': 'CC-42',
      'kubelift/Very-Long-Key': sanitizeLabelValue('x'.repeat(80)),
    });
    expect(sanitizeLabelValue('x'.repeat(80))).toMatch(/^x{54}-[0-9a-f]{8}$/);
    expect(plan.values.podLabels).toEqual({ environment: 'Prod-EU', team: 'payments-corp', 'cost-center': 'CC-42' });
    expect(JSON.parse(String(at(plan.values, 'commonAnnotations', 'kubelift/aws-tags')))).toEqual(tags);
  });

  it('label keys and values always pass the Kubernetes syntax', () => {
    const qualified = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
    for (const key of ['Owner', 'a b c', ':::x:::', 'tag/with/slashes', 'Ünïcødé', 'k'.repeat(200)]) {
      const label = labelKeyOf(key);
      if (label) expect(label).toMatch(qualified);
    }
    for (const value of ['', '---', 'a+b=c', ' spaced ', 'v'.repeat(300)]) expect(sanitizeLabelValue(value)).toMatch(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/);
  });
});
