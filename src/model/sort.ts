/**
 * Sorting the short lists the resolver makes by the hundred thousand (a
 * resource's zones, names, volumes, a workload's members). Array's sort
 * allocates working space on every call; for a few elements an insertion sort
 * does the same job in place, and is stable like it.
 */
const SHORT = 32;

/** Sorts in place, stably, exactly as `list.sort(compare)` does for a consistent `compare`. */
export function sortInPlace<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > SHORT) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const item = list[i]!;
    let j = i - 1;
    for (; j >= 0 && compare(list[j]!, item) > 0; j--) list[j + 1] = list[j]!;
    list[j + 1] = item;
  }
  return list;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts strings in place by UTF-16 code units, as `list.sort()` does. */
export function sortStrings(list: string[]): string[] {
  return sortInPlace(list, byCodeUnits);
}
