import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LimitStore } from '@/lib/shared-state/rate-limit';

/**
 * Login throttling (lib/services/authenticate-user.ts: per address, per account and address, per account), counted in a rate-limit store (lib/shared-state/rate-limit) so that
 * every process of a site sees the same failures. Failures count within a window that starts at the first one;
 * past the free allowance each further failure makes the next attempt wait a delay that doubles with every failure,
 * capped, so nobody is locked out for good and guessing stays slow. A success clears the account's counter.
 *
 * Two counters per rule, in the shape of rate-limiter-flexible's "dynamic block duration" recipe: `failures`
 * counts, `delay` holds the wait as a block of its own, so the wait runs from the last failure and outlives the
 * window it was earned in (at most `maxDelayMs`).
 */
export interface ThrottleRule {
  windowMs: number;
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** One address, whatever the accounts tried from it. */
export const IP_RULE: ThrottleRule = { windowMs: 60_000, freeFailures: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 };
/** One account from one address. */
export const ACCOUNT_ADDRESS_RULE: ThrottleRule = { windowMs: 15 * 60_000, freeFailures: 5, baseDelayMs: 5_000, maxDelayMs: 5 * 60_000 };
/** One account from every address together (guessing spread over many addresses); its delay only holds back addresses that failed on it. */
export const ACCOUNT_RULE: ThrottleRule = { windowMs: 15 * 60_000, freeFailures: 20, baseDelayMs: 5_000, maxDelayMs: 5 * 60_000 };

type Counters = { failures: RateLimiterAbstract; delay: RateLimiterAbstract };

export class LoginThrottle {
  private loaded: Promise<Counters> | undefined;

  constructor(
    private readonly store: LimitStore,
    private readonly name: string,
    private readonly rule: ThrottleRule,
  ) {}

  /** The store's limiters, made at first use (a PostgreSQL store creates its table first); retried after a failure. */
  private get counters(): Promise<Counters> {
    const seconds = (ms: number) => Math.ceil(ms / 1000);
    this.loaded ??= Promise.all([
      this.store.limiter({ name: `${this.name}-failures`, points: this.rule.freeFailures, durationSeconds: seconds(this.rule.windowMs) }),
      this.store.limiter({ name: `${this.name}-delay`, points: 1, durationSeconds: seconds(this.rule.maxDelayMs) }),
    ]).then(
      ([failures, delay]) => ({ failures, delay }),
      (error: unknown) => {
        this.loaded = undefined;
        throw error;
      },
    );
    return this.loaded;
  }

  /** Milliseconds the caller must still wait before another attempt; 0 when allowed. */
  async retryAfterMs(key: string): Promise<number> {
    const { delay } = await this.counters;
    const held = await delay.get(key);
    return held !== null && held.consumedPoints > delay.points ? held.msBeforeNext : 0;
  }

  /** True when `key` has a failure counted in the current window. */
  async hasFailed(key: string): Promise<boolean> {
    const { failures } = await this.counters;
    const counted = await failures.get(key);
    return counted !== null && counted.consumedPoints > 0;
  }

  async recordFailure(key: string): Promise<void> {
    const { failures, delay } = await this.counters;
    const counted = await failures.penalty(key);
    const over = counted.consumedPoints - this.rule.freeFailures;
    if (over < 0) return;
    const waitMs = Math.min(this.rule.baseDelayMs * 2 ** over, this.rule.maxDelayMs);
    await delay.block(key, Math.ceil(waitMs / 1000));
  }

  async clear(key: string): Promise<void> {
    const { failures, delay } = await this.counters;
    await Promise.all([failures.delete(key), delay.delete(key)]);
  }
}
