/** Bounds how many AWS requests are in flight at once, across every client of a scan. */
export interface Limiter {
  readonly limit: number;
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** A first-in, first-out semaphore of `limit` slots. */
export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    limit,
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) active++;
      // A released slot passes straight to the next waiter, so `active` stays put.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
