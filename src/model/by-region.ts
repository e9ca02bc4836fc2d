/**
 * A map keyed by account and region. Looked up once or more per resource, so
 * it nests two maps rather than building an `account|region` string per call.
 */
export class ByRegion<T> {
  readonly #accounts = new Map<string, Map<string, T>>();

  get(accountId: string, region: string): T | undefined {
    return this.#accounts.get(accountId)?.get(region);
  }

  set(accountId: string, region: string, value: T): void {
    let regions = this.#accounts.get(accountId);
    if (!regions) this.#accounts.set(accountId, (regions = new Map()));
    regions.set(region, value);
  }

  /** The value of an account and region, made by `create` when there is none yet. */
  ensure(accountId: string, region: string, create: () => T): T {
    let value = this.get(accountId, region);
    if (value === undefined) this.set(accountId, region, (value = create()));
    return value;
  }

  /** Every value, in insertion order of accounts, then regions. */
  *values(): IterableIterator<T> {
    for (const regions of this.#accounts.values()) yield* regions.values();
  }
}
