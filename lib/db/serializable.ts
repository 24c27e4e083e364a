import { env } from '@/lib/env';
import { AppError, BUSY_MESSAGE } from '@/lib/errors';
import { db, type Db } from './client';
import { isSerializationFailure } from './errors';
import { databaseProvider } from './provider';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Runs before giving up. Transactions writing one row conflict one winner per round, so N at once need N runs;
 * ten covers any real contention on a row (several staff and the tracker's fold on one member).
 */
const ATTEMPTS = 10;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` as if no other transaction ran at the same time, for "read, decide, write" that a conditional
 * update cannot express (is this the first account? what was the figure before?).
 *
 * SQLite: a plain transaction. Transactions begin IMMEDIATE (sqlite-adapter.ts), so they already run one at a
 * time. PostgreSQL: a SERIALIZABLE transaction, run again from the start when PostgreSQL aborts it for a
 * concurrent one (40001, or 40P01 deadlock), after a short random pause, longer each time, so the contenders
 * spread out. `work` must therefore only touch the database through `tx` and may run more than once. Still
 * losing after ten runs means the site is overloaded: the caller gets the "busy, try again" error.
 */
export async function serializable<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  if (databaseProvider(env().databaseUrl) === 'sqlite') return db().$transaction(work);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(work, { isolationLevel: 'Serializable' });
    } catch (error) {
      if (!isSerializationFailure(error)) throw error;
      if (attempt >= ATTEMPTS) throw new AppError('UNAVAILABLE', { userMessage: BUSY_MESSAGE });
      await sleep(Math.random() * 10 * attempt);
    }
  }
}
