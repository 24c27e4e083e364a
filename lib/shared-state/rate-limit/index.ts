import { databaseProvider } from '@/lib/db/provider';
import { env } from '@/lib/env';
import { memoryLimitStore } from './memory';
import { postgresLimitStore } from './postgres';
import { redisLimitStore } from './redis';
import type { LimitStore } from './store';

export type { LimitRule, LimitStore } from './store';

/** The store the configuration names: Redis when REDIS_URL is set, else the PostgreSQL database, else memory. */
export function createLimitStore(options: { databaseUrl: string; redisUrl?: string; prefix?: string }): LimitStore {
  if (options.redisUrl) return redisLimitStore({ redisUrl: options.redisUrl, prefix: options.prefix });
  if (databaseProvider(options.databaseUrl) === 'postgres') return postgresLimitStore({ databaseUrl: options.databaseUrl, prefix: options.prefix });
  return memoryLimitStore({ prefix: options.prefix });
}

// Next.js bundles its own copy of this module beside the custom server's: the process's one store is kept on
// globalThis so a memory store counts every attempt of the process, not those of one module graph.
const KEY = Symbol.for('giveback.limitStore');

/** The process's store, created at first use from the environment. */
export function limitStore(): LimitStore {
  const holder = globalThis as { [KEY]?: LimitStore };
  const { databaseUrl, redisUrl } = env();
  holder[KEY] ??= createLimitStore({ databaseUrl, redisUrl });
  return holder[KEY];
}
