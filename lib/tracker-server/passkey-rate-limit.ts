/**
 * Counts failed passkey lookups per client address in fixed windows, so nobody can enumerate passkeys (or
 * load the database) by guessing. Known passkeys never count. Bounded: the table is cleared when it grows
 * past `maxAddresses`, which at worst forgives some guessers early.
 */
export class PasskeyRateLimit {
  private readonly failures = new Map<string, { count: number; windowStartMs: number }>();
  /** Passkeys whose lookup is on its way to the database (PostgreSQL), per address: each may yet be a failure. */
  private readonly pending = new Map<string, Set<string>>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxAddresses = 100_000,
    private readonly maxPending = 32,
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

  /**
   * An asynchronous lookup of `passkey` begins for `address` (blocked() already said the address may look up).
   * Its failure is recorded when it answers; meanwhile an address may have at most `maxPending` distinct passkeys
   * on their way, so a guesser cannot send thousands of reads before the first one fails: at most that many
   * beyond the limit per window. A cap rather than counting them as failures, because after the caches are
   * dropped every member is a miss, and members behind one address (a NAT) must not lock each other out. False
   * when the address may not start another; otherwise call lookupEnded when it answers.
   */
  lookupStarted(address: string, passkey: string): boolean {
    const keys = this.pending.get(address);
    if (keys === undefined) {
      this.pending.set(address, new Set([passkey]));
      return true;
    }
    if (keys.has(passkey)) return true;
    if (keys.size >= this.maxPending) return false;
    keys.add(passkey);
    return true;
  }

  lookupEnded(address: string, passkey: string): void {
    const keys = this.pending.get(address);
    if (keys === undefined) return;
    keys.delete(passkey);
    if (keys.size === 0) this.pending.delete(address);
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
