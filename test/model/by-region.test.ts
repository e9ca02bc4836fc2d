import { describe, expect, it } from 'vitest';
import { ByRegion } from '../../src/model/by-region.js';

describe('ByRegion', () => {
  it('keeps a value per account and region, and makes one only where there is none', () => {
    const map = new ByRegion<string[]>();
    let made = 0;
    const make = () => {
      made++;
      return [];
    };
    map.ensure('111111111111', 'eu-west-1', make).push('a');
    map.ensure('111111111111', 'eu-west-1', make).push('b');
    map.ensure('111111111111', 'us-east-1', make).push('c');
    map.ensure('222222222222', 'eu-west-1', make).push('d');
    expect(made).toBe(3);
    expect(map.get('111111111111', 'eu-west-1')).toEqual(['a', 'b']);
    expect(map.get('222222222222', 'us-east-1')).toBeUndefined();
    map.set('222222222222', 'eu-west-1', ['e']);
    expect([...map.values()]).toEqual([['a', 'b'], ['c'], ['e']]);
  });
});
