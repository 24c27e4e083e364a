/**
 * Counts failed passkey lookups per client address in fixed windows, so nobody can enumerate passkeys (or
 * load the database) by guessing. Known passkeys never count, and a blocked address only stops looking up
 * passkeys the tracker does not know: members it knows keep being served from behind the same address (a NAT).
 * Bounded: the table is cleared when it grows past `maxAddresses`, which at worst forgives some guessers early.
 */
export class PasskeyRateLimit {
  private readonly failures = new Map<string, { count: number; windowStartMs: number }>();
  /** Lookups on their way to the database (PostgreSQL) per address, and those waiting for one of them to end. */
  private readonly lookups = new Map<string, AddressLookups>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxAddresses = 100_000,
    private readonly maxPending = 32,
    private readonly maxWaiting = 1024,
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
   * An asynchronous lookup of `passkey` for `address`: `start` runs now, or once one of the address's
   * lookups ends. At most `maxPending` distinct passkeys per address are on their way at once, so a guesser
   * cannot send thousands of reads before the first one fails; the others wait their turn rather than being
   * refused, because after the caches are dropped every member is a miss, and members behind one address must
   * not lock each other out. A waiting lookup whose address got blocked meanwhile runs `refuse` instead.
   * False (nothing runs) when `maxWaiting` lookups of the address are already waiting. Each `start` that ran
   * must be followed by lookupEnded.
   */
  lookup(address: string, passkey: string, start: () => void, refuse: () => void): boolean {
    let entry = this.lookups.get(address);
    if (entry === undefined) {
      entry = { pending: new Set(), waiting: [] };
      this.lookups.set(address, entry);
    }
    if (entry.pending.has(passkey) || entry.pending.size < this.maxPending) {
      entry.pending.add(passkey);
      start();
      return true;
    }
    if (entry.waiting.length >= this.maxWaiting) return false;
    entry.waiting.push({ passkey, start, refuse });
    return true;
  }

  lookupEnded(address: string, passkey: string, nowMs: number): void {
    const entry = this.lookups.get(address);
    if (entry === undefined) return;
    entry.pending.delete(passkey);
    while (entry.waiting.length > 0 && entry.pending.size < this.maxPending) {
      const next = entry.waiting.shift()!;
      if (this.blocked(address, nowMs)) {
        next.refuse();
        continue;
      }
      entry.pending.add(next.passkey);
      next.start();
    }
    if (entry.pending.size === 0 && entry.waiting.length === 0) this.lookups.delete(address);
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

interface AddressLookups {
  pending: Set<string>;
  waiting: { passkey: string; start: () => void; refuse: () => void }[];
}
