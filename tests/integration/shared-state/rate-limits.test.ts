import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRATION_RULE, RegistrationLimit } from '@/lib/auth/registration-limit';
import { IP_RULE, LoginThrottle, type ThrottleRule } from '@/lib/auth/throttle';
import type { LimitStore } from '@/lib/shared-state/rate-limit';
import { memoryLimitStore } from '@/lib/shared-state/rate-limit/memory';
import { postgresLimitStore } from '@/lib/shared-state/rate-limit/postgres';
import { redisLimitStore } from '@/lib/shared-state/rate-limit/redis';
import { createTestPostgresDatabase, type TestPostgresDatabase } from '../../helpers/postgres';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const quiet = () => undefined;

/** Each kind of store, made as a process of the site would make it; `open` again is another process. */
interface Backend {
  name: string;
  setUp(): Promise<void>;
  open(): LimitStore;
  tearDown(): Promise<void>;
}

function memoryBackend(): Backend {
  return { name: 'memory', setUp: async () => undefined, open: () => memoryLimitStore(), tearDown: async () => undefined };
}

function postgresBackend(): Backend {
  let database: TestPostgresDatabase;
  return {
    name: 'PostgreSQL',
    setUp: async () => {
      database = await createTestPostgresDatabase();
    },
    open: () => postgresLimitStore({ databaseUrl: database.url, log: quiet }),
    tearDown: () => database.drop(),
  };
}

function redisBackend(): Backend {
  // Redis is shared with other work: every key of this file starts with a prefix of its own, and only those go.
  const prefix = `giveback-test-${randomBytes(6).toString('hex')}`;
  return {
    name: 'Redis',
    setUp: async () => undefined,
    open: () => redisLimitStore({ redisUrl: REDIS_URL, prefix, log: quiet }),
    tearDown: async () => {
      const redis = new Redis(REDIS_URL);
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const key = () => `key-${randomBytes(4).toString('hex')}`;

describe.each([memoryBackend(), postgresBackend(), redisBackend()])('rate limits in $name', (backend) => {
  const stores: LimitStore[] = [];
  let store: LimitStore;
  const open = () => {
    const opened = backend.open();
    stores.push(opened);
    return opened;
  };

  beforeAll(async () => {
    await backend.setUp();
    store = open();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await backend.tearDown();
  });

  it('lets five failed logins through, then makes the next attempt wait 2 seconds, doubling with each failure', async () => {
    const throttle = new LoginThrottle(store, 'ip', IP_RULE);
    const ip = key();
    for (let i = 0; i < 5; i++) {
      expect(await throttle.retryAfterMs(ip)).toBe(0);
      await throttle.recordFailure(ip);
    }
    const first = await throttle.retryAfterMs(ip);
    expect(first).toBeGreaterThan(1_000);
    expect(first).toBeLessThanOrEqual(2_000);
    await throttle.recordFailure(ip);
    const second = await throttle.retryAfterMs(ip);
    expect(second).toBeGreaterThan(3_000);
    expect(second).toBeLessThanOrEqual(4_000);
    expect(await throttle.retryAfterMs(key())).toBe(0);
  });

  it('never makes anyone wait longer than the cap, and the wait ends', async () => {
    const rule: ThrottleRule = { windowMs: 60_000, freeFailures: 1, baseDelayMs: 1_000, maxDelayMs: 2_000 };
    const throttle = new LoginThrottle(store, 'capped', rule);
    const account = key();
    for (let i = 0; i < 6; i++) await throttle.recordFailure(account);
    expect(await throttle.retryAfterMs(account)).toBeGreaterThan(1_000);
    expect(await throttle.retryAfterMs(account)).toBeLessThanOrEqual(2_000);
    await sleep(2_100);
    expect(await throttle.retryAfterMs(account)).toBe(0);
  });

  it('forgets an account\'s failures once it logs in', async () => {
    const throttle = new LoginThrottle(store, 'account', { windowMs: 60_000, freeFailures: 2, baseDelayMs: 5_000, maxDelayMs: 60_000 });
    const account = key();
    await throttle.recordFailure(account);
    await throttle.recordFailure(account);
    expect(await throttle.retryAfterMs(account)).toBeGreaterThan(4_000);
    await throttle.clear(account);
    expect(await throttle.retryAfterMs(account)).toBe(0);
    await throttle.recordFailure(account);
    expect(await throttle.retryAfterMs(account)).toBe(0);
  });

  it('tells whether a key has failed in the current window, which no delay needs', async () => {
    const throttle = new LoginThrottle(store, 'pair', { windowMs: 60_000, freeFailures: 5, baseDelayMs: 5_000, maxDelayMs: 60_000 });
    const pair = key();
    expect(await throttle.hasFailed(pair)).toBe(false);
    await throttle.recordFailure(pair);
    expect([await throttle.hasFailed(pair), await throttle.retryAfterMs(pair)]).toEqual([true, 0]);
    await throttle.clear(pair);
    expect(await throttle.hasFailed(pair)).toBe(false);
  });

  it(`allows ${REGISTRATION_RULE.attempts} registration attempts an hour per address`, async () => {
    const limit = new RegistrationLimit(store);
    const ip = key();
    for (let i = 0; i < REGISTRATION_RULE.attempts; i++) expect(await limit.attempt(ip)).toBe(0);
    const wait = await limit.attempt(ip);
    expect(wait).toBeGreaterThan(3_500_000);
    expect(wait).toBeLessThanOrEqual(3_600_000);
    expect(await limit.attempt(key())).toBe(0);
  });

  it('counts the failures of every process of the site together (not in memory)', async (context) => {
    if (!store.shared) context.skip();
    const other = open();
    const here = new LoginThrottle(store, 'ip', IP_RULE);
    const there = new LoginThrottle(other, 'ip', IP_RULE);
    const ip = key();
    // Alternating processes, as a load balancer would send them.
    for (let i = 0; i < 5; i++) await (i % 2 === 0 ? here : there).recordFailure(ip);
    expect(await here.retryAfterMs(ip)).toBeGreaterThan(1_000);
    expect(await there.retryAfterMs(ip)).toBeGreaterThan(1_000);
  });
});
