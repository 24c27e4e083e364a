import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSingleRatioScheduler } from '@/lib/services/ratio/ratio-scheduler';
import { LOCK_KEYS, type Leadership } from '@/lib/shared-state/leader';
import { holdPostgresLeadership } from '@/lib/shared-state/leader/postgres';
import { useTestDatabase } from '../../helpers/db';
import { waitFor } from '../../helpers/wait';

let cleanup: () => Promise<void>;
let databaseUrl: string;
let admin: pg.Client;

beforeAll(async () => {
  ({ cleanup, databaseUrl } = await useTestDatabase({ provider: 'postgres' }));
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
  await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sessions of this database holding the advisory lock `key`, as an operator would look them up. */
async function holders(key: number): Promise<number[]> {
  const result = await admin.query<{ pid: number }>(
    "SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND d.datname = current_database()",
    [key],
  );
  return result.rows.map((row) => row.pid);
}

function contender(name: string, key: number, events: string[]): Leadership {
  return holdPostgresLeadership({
    databaseUrl, name, lockKey: key, retryMs: 100, log: () => undefined,
    onAcquired: () => events.push(`${name} runs`),
    onLost: () => events.push(`${name} stops`),
  });
}

describe('single-run work under a PostgreSQL advisory lock', () => {
  it('exactly one of two processes runs the work; the other takes over when the holder stops', async () => {
    const events: string[] = [];
    const a = contender('a', 901, events);
    const b = contender('b', 901, events);
    try {
      await waitFor(() => events.length > 0, 'a leader', 5_000);
      await sleep(400);
      expect(events).toHaveLength(1);
      expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1);
      expect(await holders(901)).toHaveLength(1);
      const [holder, other] = a.isLeader() ? [a, b] : [b, a];
      await holder.stop();
      await waitFor(() => other.isLeader(), 'the takeover', 5_000);
      expect(events.slice(1)).toEqual([events[0]?.replace('runs', 'stops'), events[0]?.startsWith('a') ? 'b runs' : 'a runs']);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('a holder whose database session is killed stops its work, and the other takes over', async () => {
    const events: string[] = [];
    const a = contender('a', 902, events);
    await waitFor(() => a.isLeader(), 'a to lead', 5_000);
    const b = contender('b', 902, events);
    try {
      const [pid] = await holders(902);
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await waitFor(() => b.isLeader(), 'b to take over', 5_000);
      expect(events).toEqual(['a runs', 'a stops', 'b runs']);
      // a keeps trying, and stays idle while b holds the lock.
      await sleep(400);
      expect(a.isLeader()).toBe(false);
      expect(await holders(902)).toHaveLength(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('runs one ratio scheduler among two on the same database, and the second takes over from the first', async () => {
    const logs = { first: [] as string[], second: [] as string[] };
    const first = startSingleRatioScheduler({ lockRetryMs: 100, log: (line) => logs.first.push(line) });
    await waitFor(() => logs.first.some((line) => line.includes('holds the lock')), 'the first scheduler to run', 5_000);
    const second = startSingleRatioScheduler({ lockRetryMs: 100, log: (line) => logs.second.push(line) });
    try {
      await sleep(500);
      expect(logs.second.filter((line) => line.includes('holds the lock'))).toEqual([]);
      expect(await holders(LOCK_KEYS.ratioScheduler)).toHaveLength(1);
      await first.stop();
      await waitFor(() => logs.second.some((line) => line.includes('holds the lock')), 'the second scheduler to take over', 5_000);
      expect(await holders(LOCK_KEYS.ratioScheduler)).toHaveLength(1);
      expect([...logs.first, ...logs.second].filter((line) => line.startsWith('ratio: pass failed'))).toEqual([]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
