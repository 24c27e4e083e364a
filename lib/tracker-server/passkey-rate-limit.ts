/**
 * Counts failed passkey lookups per client address in fixed windows, so nobody can enumerate passkeys (or
 * load the database) by guessing. Known passkeys never count. Bounded: the table is cleared when it grows
 * past `maxAddresses`, which at worst forgives some guessers early.
 */
export class PasskeyRateLimit {
  private readonly failures = new Map<string, { count: number; windowStartMs: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxAddresses = 100_000,
  ) {}

  blocked(address: string, nowMs: number): boolean {
    const entry = this.failures.get(address);
    if (entry === undefined) return false;
    if (nowMs - entry.windowStartMs >= this.windowMs) {
      this.failures.delete(address);
      return false;
    }
    return entry.count >= this.limit;
  }

  recordFailure(address: string, nowMs: number): void {
    const entry = this.failures.get(address);
    if (entry !== undefined && nowMs - entry.windowStartMs < this.windowMs) {
      entry.count++;
      return;
    }
    if (this.failures.size >= this.maxAddresses) this.failures.clear();
    this.failures.set(address, { count: 1, windowStartMs: nowMs });
  }
}
