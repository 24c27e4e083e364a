import { RateLimiterMemory } from 'rate-limiter-flexible';
import { DEFAULT_LIMIT_PREFIX, type LimitRule, type LimitStore } from './store';

/**
 * Counters in this process's memory: right for the single process a SQLite site runs as. The counts live in the
 * limiter object, so a rule's name always gets the same one.
 */
export function memoryLimitStore(options: { prefix?: string } = {}): LimitStore {
  const prefix = options.prefix ?? DEFAULT_LIMIT_PREFIX;
  const limiters = new Map<string, RateLimiterMemory>();
  return {
    kind: 'memory',
    shared: false,
    async limiter(rule: LimitRule) {
      const limiter = limiters.get(rule.name) ?? memoryLimiter(prefix, rule);
      limiters.set(rule.name, limiter);
      return limiter;
    },
    close: async () => undefined,
  };
}

/** Also the fallback of the shared stores while their server does not answer (rate-limiter-flexible's insurance). */
export function memoryLimiter(prefix: string, rule: LimitRule): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix: `${prefix}:${rule.name}`, points: rule.points, duration: rule.durationSeconds });
}
