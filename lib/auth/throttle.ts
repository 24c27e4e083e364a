/**
 * Login throttling per IP and per account, in memory (one server process). Failures within a sliding window
 * count; past the free allowance every attempt must wait a delay that doubles with each further failure, capped,
 * so nobody is locked out for good and guessing stays slow. A success clears the account's counter.
 */
export interface ThrottleRule {
  windowMs: number;
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const IP_RULE: ThrottleRule = { windowMs: 60_000, freeFailures: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 };
export const ACCOUNT_RULE: ThrottleRule = { windowMs: 15 * 60_000, freeFailures: 5, baseDelayMs: 5_000, maxDelayMs: 5 * 60_000 };

interface Entry {
  failures: number[];
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly rule: ThrottleRule) {}

  /** Milliseconds the caller must still wait before another attempt; 0 when allowed. */
  retryAfterMs(key: string, now: number): number {
    const entry = this.prune(key, now);
    if (!entry || entry.failures.length < this.rule.freeFailures) return 0;
    const over = entry.failures.length - this.rule.freeFailures;
    const delay = Math.min(this.rule.baseDelayMs * 2 ** over, this.rule.maxDelayMs);
    const last = entry.failures[entry.failures.length - 1] ?? now;
    return Math.max(0, last + delay - now);
  }

  recordFailure(key: string, now: number): void {
    const entry = this.prune(key, now) ?? { failures: [] };
    entry.failures.push(now);
    this.entries.set(key, entry);
    if (this.entries.size > 100_000) this.sweep(now);
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  private prune(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.failures = entry.failures.filter((t) => now - t < this.rule.windowMs);
    if (entry.failures.length === 0) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    for (const key of this.entries.keys()) this.prune(key, now);
  }
}
