import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitStore } from '@/lib/shared-state/rate-limit';

/**
 * Requests per API token and minute, counted in the rate-limit store (lib/shared-state/rate-limit) so that every
 * process of a site counts the same token's calls together.
 */
export class ApiRateLimit {
  private counter: Promise<RateLimiterAbstract> | undefined;

  constructor(
    private readonly store: LimitStore,
    private readonly perMinute: number,
  ) {}

  /** Counts one request of token `tokenId`: 0 when it may go ahead, else the milliseconds until it may. */
  async attempt(tokenId: number): Promise<number> {
    this.counter ??= this.store.limiter({ name: 'api-token', points: this.perMinute, durationSeconds: 60 });
    const counter = await this.counter.catch((error: unknown) => {
      this.counter = undefined;
      throw error;
    });
    try {
      await counter.consume(String(tokenId));
      return 0;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(error.msBeforeNext, 1);
      throw error;
    }
  }
}
