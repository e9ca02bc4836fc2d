import { describe, expect, it } from 'vitest';
import { createValuesBuilder, formatPath } from '../../src/mapping/values-builder.js';

const why = (reason: string) => ({ source: 'default' as const, reason });

describe('formatPath', () => {
  it('joins plain keys with dots and quotes keys that hold dots or slashes', () => {
    expect(formatPath('readinessProbe.httpGet.path')).toBe('readinessProbe.httpGet.path');
    expect(formatPath(['ingress', 'annotations', 'alb.ingress.kubernetes.io/scheme'])).toBe('ingress.annotations["alb.ingress.kubernetes.io/scheme"]');
    expect(formatPath(['topologySpreadConstraints', 0, 'maxSkew'])).toBe('topologySpreadConstraints[0].maxSkew');
  });
});

describe('values builder', () => {
  it('builds nested values and records provenance per assigned path', () => {
    const b = createValuesBuilder();
    b.set('a.b', 1, why('one'));
    b.set(['a', 'c.d'], 'x', why('two'));
    const { values, provenance } = b.result();
    expect(values).toEqual({ a: { b: 1, 'c.d': 'x' } });
    expect(Object.keys(provenance)).toEqual(['a.b', 'a["c.d"]']);
  });

  it('drops the provenance of a replaced subtree and never shares nodes with callers', () => {
    const b = createValuesBuilder();
    const probe = { httpGet: { path: '/' } };
    b.set('probe.httpGet.path', '/', why('old'));
    b.set('probe', probe, why('new'));
    probe.httpGet.path = '/changed';
    const { values, provenance } = b.result();
    expect(values).toEqual({ probe: { httpGet: { path: '/' } } });
    expect(provenance).toEqual({ probe: why('new') });
  });

  it('never changes a tree it handed over', () => {
    const b = createValuesBuilder();
    b.set('a.b', 1, why('one'));
    const first = b.result();
    b.set('a.c', 2, why('two'));
    expect(first.values).toEqual({ a: { b: 1 } });
    expect(b.result().values).toEqual({ a: { b: 1, c: 2 } });
  });
});

describe('release names', () => {
  it('keep ids up to 53 characters and cut longer ones with a stable hash', async () => {
    const { releaseNameOf } = await import('../../src/mapping/release-name.js');
    expect(releaseNameOf('web')).toBe('web');
    const long = 'a'.repeat(60);
    expect(releaseNameOf(long)).toMatch(/^a{46}-[0-9a-f]{6}$/);
    expect(releaseNameOf(long)).toBe(releaseNameOf(long));
    expect(releaseNameOf(long)).not.toBe(releaseNameOf(`${'a'.repeat(59)}b`));
  });
});
