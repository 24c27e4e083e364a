import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitStore } from '@/lib/shared-state/rate-limit';

/**
 * Registration attempts per IP: each costs an argon2 hash and can probe usernames, so an address gets a few an hour,
 * counted in the rate-limit store like the login throttle (every process sees the same attempts).
 */
export const REGISTRATION_RULE = { attempts: 10, windowSeconds: 3600 };

export class RegistrationLimit {
  private counter: Promise<RateLimiterAbstract> | undefined;

  constructor(private readonly store: LimitStore) {}

  /** Counts an attempt from `ip`: 0 when it may go ahead, else the milliseconds until the address may try again. */
  async attempt(ip: string): Promise<number> {
    this.counter ??= this.store.limiter({ name: 'registration', points: REGISTRATION_RULE.attempts, durationSeconds: REGISTRATION_RULE.windowSeconds });
    const counter = await this.counter.catch((error: unknown) => {
      this.counter = undefined;
      throw error;
    });
    try {
      await counter.consume(ip);
      return 0;
    } catch (error) {
      // The library rejects with the counter's state when the limit is reached, and with an Error when it fails.
      if (error instanceof RateLimiterRes) return Math.max(error.msBeforeNext, 1);
      throw error;
    }
  }
}
