import { describe, expect, it } from 'vitest';
import {
  classicAttributesOf,
  classicInstanceStatesOf,
  forwardTargets,
  healthCheckTypes,
  keyValueAttributes,
  listenerArnOfRule,
  at,
  objects,
  privateAddresses,
  tagsOf,
  tagValue,
  targetHealthOf,
} from '../../src/model/aws-shapes.js';
import type { AwsResource } from '../../src/snapshot/types.js';

const r = (fields: Record<string, unknown>): AwsResource => ({ accountId: '123456789012', region: 'us-east-1', ...fields });

describe('reading AWS shapes', () => {
  it('reads tags from the list AWS returns, or a map, and tolerates junk', () => {
    expect(tagsOf(r({ Tags: [{ Key: 'Name', Value: 'web' }, { Key: 'empty' }, { Value: 'no key' }, null] }))).toEqual({ Name: 'web', empty: '' });
    expect(tagsOf(r({ Tags: { team: 'data' } }))).toEqual({ team: 'data' });
    expect(tagsOf(r({}))).toEqual({});
  });

  it('reads one tag as the tag map would, without building it', () => {
    const tagged = [
      r({ Tags: [{ Key: 'Name', Value: 'web' }, { Key: 'Name', Value: 'later' }, { Key: 'empty' }, null] }),
      r({ Tags: { team: 'data', count: 3 } }),
      r({ TagSet: [{ Key: 'team', Value: 'ops' }] }),
      r({}),
    ];
    for (const resource of tagged) for (const key of ['Name', 'empty', 'team', 'count', 'missing']) expect(tagValue(resource, key), key).toBe(tagsOf(resource)[key]);
  });

  it('reads nested fields and lists of objects, skipping what is not an object', () => {
    expect(at(r({ Placement: { AvailabilityZone: 'us-east-1a' } }), 'Placement', 'AvailabilityZone')).toBe('us-east-1a');
    expect(at(r({ A: { B: { C: 1 } } }), 'A', 'B', 'C')).toBe(1);
    expect(at(r({ A: [{ B: 1 }] }), 'A', 'B')).toBeUndefined();
    expect(at(undefined, 'A')).toBeUndefined();
    const list = [{ a: 1 }, { b: 2 }];
    expect(objects(list)).toEqual(list);
    expect(objects([{ a: 1 }, null, 'x', [1], { b: 2 }])).toEqual(list);
    expect(objects('x')).toEqual([]);
  });

  it('tells attributes that were not collected from attributes at their defaults', () => {
    expect(keyValueAttributes(r({}))).toBeUndefined();
    expect(keyValueAttributes(r({ Attributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }, { Key: 'x', Value: 5 }] }))).toEqual({ 'deletion_protection.enabled': 'true', x: '5' });
    // The classic attribute object is not a key/value list.
    expect(keyValueAttributes(r({ Attributes: { CrossZoneLoadBalancing: { Enabled: true } } }))).toBeUndefined();
    expect(classicAttributesOf(r({ Attributes: { CrossZoneLoadBalancing: { Enabled: true }, ConnectionDraining: { Enabled: 'false', Timeout: 300 } } }))).toEqual({ crossZone: true, connectionDraining: false, connectionDrainingTimeout: 300 });
    expect(classicAttributesOf(r({}))).toBeUndefined();
  });

  it('reads target health and classic instance health, undefined when not collected', () => {
    expect(targetHealthOf(r({}))).toBeUndefined();
    expect(targetHealthOf(r({ TargetHealthDescriptions: [{ Target: { Id: '10.0.0.5', Port: 80, AvailabilityZone: 'all' }, TargetHealth: { State: 'healthy' } }, { Target: {} }] }))).toEqual([{ id: '10.0.0.5', port: 80, zone: 'all', state: 'healthy' }]);
    expect(targetHealthOf(r({ TargetHealthDescriptions: [{ Target: { Id: 'i-1' } }] }))).toEqual([{ id: 'i-1', state: 'unknown' }]);
    expect(classicInstanceStatesOf(r({ InstanceStates: [{ InstanceId: 'i-1', State: 'InService' }] }))?.get('i-1')).toBe('InService');
    expect(classicInstanceStatesOf(r({}))).toBeUndefined();
  });

  it('follows forwards, weighted ones included, but not groups weighted 0', () => {
    const actions = [
      { Type: 'forward', TargetGroupArn: 'arn:a' },
      { Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'arn:b', Weight: 1 }, { TargetGroupArn: 'arn:c', Weight: 0 }, { TargetGroupArn: 'arn:d' }] } },
      { Type: 'redirect' },
    ];
    expect(forwardTargets(actions)).toEqual(['arn:a', 'arn:b', 'arn:d']);
    expect(forwardTargets(undefined)).toEqual([]);
  });

  it('finds a rule’s listener from its ARN', () => {
    expect(listenerArnOfRule(r({ RuleArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/front/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee' }))).toBe(
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/front/50dc6c495c0c9188/f2f7dc8efc522ab2',
    );
    expect(listenerArnOfRule(r({ RuleArn: 'x', ListenerArn: 'arn:listener' }))).toBe('arn:listener');
    expect(listenerArnOfRule(r({}))).toBeUndefined();
  });

  it('splits HealthCheckType into a set, EC2 when absent', () => {
    expect(healthCheckTypes(r({ HealthCheckType: 'ELB,EC2, vpc_lattice' }))).toEqual(['EC2', 'ELB', 'VPC_LATTICE']);
    expect(healthCheckTypes(r({}))).toEqual(['EC2']);
  });

  it('lists every private address of an instance', () => {
    expect(privateAddresses(r({ PrivateIpAddress: '10.0.0.1', NetworkInterfaces: [{ PrivateIpAddress: '10.0.0.1', PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.2' }] }, { PrivateIpAddress: '10.0.1.1' }] }))).toEqual([
      '10.0.0.1',
      '10.0.0.2',
      '10.0.1.1',
    ]);
  });
});
