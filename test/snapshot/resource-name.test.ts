import { describe, expect, it } from 'vitest';
import { resourceName, type AwsResource } from '../../src/snapshot/types.js';

const resource = (fields: Record<string, unknown>): AwsResource => ({ accountId: '111122223333', region: 'us-east-1', ...fields }) as AwsResource;

describe('resourceName', () => {
  it('prefers the Name tag', () => {
    expect(resourceName('AWS::EC2::Instance', resource({ InstanceId: 'i-1', Tags: [{ Key: 'team', Value: 'a' }, { Key: 'Name', Value: 'web' }] }))).toBe('web');
  });

  it('reads only the first Name tag, falling back when it is empty', () => {
    const r = resource({ GroupName: 'sg-name', GroupId: 'sg-1', Tags: [{ Key: 'Name', Value: '' }, { Key: 'Name', Value: 'second' }] });
    expect(resourceName('AWS::EC2::SecurityGroup', r)).toBe('sg-name');
  });

  it('skips odd tag entries', () => {
    expect(resourceName('AWS::EC2::Instance', resource({ InstanceId: 'i-1', Tags: [null, 'x', { Key: 'Name', Value: 'web' }] }))).toBe('web');
  });

  it('falls back to the AWS name fields in order, then the id', () => {
    expect(resourceName('AWS::AutoScaling::AutoScalingGroup', resource({ AutoScalingGroupName: 'asg', LaunchTemplateName: 'lt' }))).toBe('asg');
    expect(resourceName('AWS::EC2::Instance', resource({ InstanceId: 'i-1', Tags: 'not a list' }))).toBe('i-1');
  });
});
