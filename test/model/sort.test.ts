import { describe, expect, it } from 'vitest';
import { sortInPlace, sortStrings } from '../../src/model/sort.js';

describe('sorting short lists in place', () => {
  it('orders as Array.prototype.sort does, keeping equal elements in their order', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const length of [0, 1, 2, 5, 31, 32, 33, 100]) {
      const items = Array.from({ length }, (_, i) => ({ key: Math.floor(random() * 5), at: i }));
      const byKey = (a: { key: number }, b: { key: number }): number => a.key - b.key;
      expect(sortInPlace([...items], byKey), `length ${length}`).toEqual([...items].sort(byKey));
      const words = items.map((item) => ['b', 'a', 'B', 'ä', 'a1', ''][item.key]!);
      expect(sortStrings([...words])).toEqual([...words].sort());
    }
  });
});
