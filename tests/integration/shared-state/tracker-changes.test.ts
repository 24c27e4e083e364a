import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { listenForTrackerChanges, TRACKER_CHANNEL, type TrackerChangeListener } from '@/lib/shared-state/tracker-changes/postgres';
import { useTestDatabase } from '../../helpers/db';
import { waitFor } from '../../helpers/wait';

let cleanup: () => Promise<void>;
let databaseUrl: string;
let listener: TrackerChangeListener;
const heard: number[] = [];
const logged: string[] = [];

beforeAll(async () => {
  ({ cleanup, databaseUrl } = await useTestDatabase({ provider: 'postgres' }));
  listener = listenForTrackerChanges({ databaseUrl, onChange: () => heard.push(Date.now()), log: (line) => logged.push(line), retryMs: 50 });
  await listener.ready;
});
afterAll(async () => {
  await listener.close();
  await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A committed notification of its own, as a fence: notifications arrive in commit order. */
async function fence(): Promise<void> {
  const before = heard.length;
  await db().$transaction(async (tx) => notifyTrackerOnCommit(tx));
  await waitFor(() => heard.length > before, 'the fence notification', 5_000);
}

describe('tracker changes on PostgreSQL (LISTEN/NOTIFY)', () => {
  it('a change committed through Prisma reaches the listening tracker within a second', async () => {
    const before = heard.length;
    await db().$transaction(async (tx) => {
      await tx.setting.create({ data: { key: 'probe', value: '1' } });
      await notifyTrackerOnCommit(tx);
      // Not before the commit: the tracker would reload the rows as they were.
      await sleep(300);
      expect(heard.length).toBe(before);
    });
    const committedAt = Date.now();
    await waitFor(() => heard.length > before, 'the notification', 5_000);
    expect(heard.length).toBe(before + 1);
    expect((heard.at(-1) ?? Infinity) - committedAt).toBeLessThan(1_000);
  });

  it('a rolled-back change is never announced', async () => {
    const before = heard.length;
    await expect(db().$transaction(async (tx) => {
      await tx.setting.create({ data: { key: 'rolled-back', value: '1' } });
      await notifyTrackerOnCommit(tx);
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    await fence();
    expect(heard.length).toBe(before + 1);
  });

  it('listens again after its connection is killed, and reports a change for what it may have missed', async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const before = heard.length;
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = $1",
        [`LISTEN ${TRACKER_CHANNEL}`],
      );
      expect(killed.rowCount).toBe(1);
      await waitFor(() => heard.length > before, 'the reconnection', 5_000);
      expect(logged.some((line) => line.startsWith('tracker changes: connection lost'))).toBe(true);
      await fence();
    } finally {
      await admin.end();
    }
  });
});
