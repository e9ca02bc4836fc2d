/**
 * Counts logical API calls (retries excluded) per `service:Action`, e.g.
 * `ec2:DescribeInstances` or `elbv2:DescribeTags`. A counter can feed a parent,
 * so a scan keeps one total and one count per account, region and service.
 */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly parent?: CallCounter) {}

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.parent?.add(key);
  }

  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /** The counts, keys sorted. */
  toRecord(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
