import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { memoryLimiter } from './memory';
import { DEFAULT_LIMIT_PREFIX, type LimitRule, type LimitStore } from './store';

/** How long the first limiter waits for Redis at start before counting in memory until it answers. */
const CONNECT_WAIT_MS = 2_000;

/**
 * Counters in Redis (REDIS_URL), one key per rule and counted value with the rule's window as its TTL. A command
 * fails at once instead of queueing while Redis is away, and the process then counts in memory (the library's
 * insurance limiter): logins stay throttled per process rather than refused.
 */
export function redisLimitStore(options: { redisUrl: string; prefix?: string; log?: (line: string) => void }): LimitStore {
  const prefix = options.prefix ?? DEFAULT_LIMIT_PREFIX;
  const log = options.log ?? ((line: string) => console.error(line));
  const client = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let lastError = '';
  client.on('error', (error: Error) => {
    // ioredis reconnects by itself; say so once per distinct failure, not on every retry.
    if (error.message !== lastError) log(`rate limits: Redis: ${error.message}`);
    lastError = error.message;
  });
  client.on('ready', () => (lastError = ''));
  const connected = new Promise<void>((resolve) => {
    if (client.status === 'ready') return resolve();
    client.once('ready', () => resolve());
    setTimeout(resolve, CONNECT_WAIT_MS).unref();
  });
  return {
    kind: 'redis',
    shared: true,
    async limiter(rule: LimitRule) {
      await connected;
      return new RateLimiterRedis({
        storeClient: client,
        rejectIfRedisNotReady: true,
        keyPrefix: `${prefix}:${rule.name}`,
        points: rule.points,
        duration: rule.durationSeconds,
        insuranceLimiter: memoryLimiter(prefix, rule),
      });
    },
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
