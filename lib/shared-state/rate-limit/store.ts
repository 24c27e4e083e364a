import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** One counter of a rate limit: `points` per `durationSeconds`, keyed by whatever the caller counts (IP, account). */
export interface LimitRule {
  /** Names the counter among the others of the store (part of every key). */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * Where rate-limit counters live: this process's memory (one process on SQLite), the PostgreSQL database or Redis
 * (several processes). Each hands out `rate-limiter-flexible` limiters with the same API, so the rules built on them
 * (login throttle, registration limit) are written once.
 */
export interface LimitStore {
  readonly kind: 'memory' | 'postgres' | 'redis';
  /** True when every process using the same database or Redis sees the same counts. */
  readonly shared: boolean;
  limiter(rule: LimitRule): Promise<RateLimiterAbstract>;
  /** Closes the store's connections (tests; a server keeps its store for its lifetime). */
  close(): Promise<void>;
}

/** Keys of a store start with this, then the rule's name: tests use a prefix of their own and delete only their keys. */
export const DEFAULT_LIMIT_PREFIX = 'giveback';
