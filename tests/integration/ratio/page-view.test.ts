import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { evaluateMemberRatio } from '@/lib/services/ratio/evaluate-member';
import { getRatioStatus } from '@/lib/services/ratio/get-ratio-status';
import { useTestDatabase, type TestDatabase } from '@/tests/helpers/db';
import { at, DAY, GIB, member, setTotals, T0 } from './fixture';

/**
 * The ratio status every page shows (the layout's header and banner) is read, never written: a page view leaves
 * the member's row as it was, and answers while another connection holds the write lock (a long fold, a backup).
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

const row = (id: number) => db().user.findUniqueOrThrow({ where: { id } });

/** Runs `work` while a second connection holds the write lock (SQLite) or an exclusive lock on the User table. */
async function whileLocked<T>(work: () => Promise<T>): Promise<T> {
  if (database.provider === 'sqlite') {
    const holder = new Database(database.databaseUrl.replace(/^file:/, ''), { timeout: 0 });
    holder.exec('BEGIN IMMEDIATE');
    try {
      return await work();
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
  }
  const holder = new pg.Client({ connectionString: database.databaseUrl });
  await holder.connect();
  await holder.query('BEGIN');
  // Readers pass an EXCLUSIVE lock; any write to the table waits for it.
  await holder.query('LOCK TABLE "User" IN EXCLUSIVE MODE');
  try {
    return await work();
  } finally {
    await holder.query('COMMIT');
    await holder.end();
  }
}

describe('the ratio status a page shows', () => {
  it('leaves the member row unchanged, for a member the rules would now put on watch', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    const before = await row(m.id);
    const status = await getRatioStatus({ actor: m, userId: m.id, now: at(DAY) });
    expect(await row(m.id)).toEqual(before);
    // Nothing stored yet: the page says what the tracker enforces, until the scheduler evaluates the member.
    expect(status).toMatchObject({ ratio: '0.20', watch: null, leechingMessage: null });
  });

  it('shows a watch that ran out as disabled at once, as the tracker refuses it, without storing it', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await evaluateMemberRatio({ userId: m.id, now: T0 });
    const before = await row(m.id);
    const status = await getRatioStatus({ actor: m, userId: m.id, now: at(14 * DAY) });
    expect(status).toMatchObject({
      requiredText: '0.30', leechingDisabled: true, leechingDisabledReason: 'ratio',
      leechingMessage: 'Leeching disabled: ratio 0.20 is below the required 0.30; seed to recover',
    });
    expect(await row(m.id)).toEqual(before);
    // The scheduler's evaluation stores the same outcome, with its audit entry.
    expect(await evaluateMemberRatio({ userId: m.id, now: at(14 * DAY) })).toMatchObject({ kind: 'disable-leeching', disabledBy: 'watch-expired' });
  });

  it('answers while another connection holds the write lock', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await evaluateMemberRatio({ userId: m.id, now: T0 });
    await setTotals(m.id, { uploaded: 5n * GIB });
    const status = await whileLocked(() => getRatioStatus({ actor: m, userId: m.id, now: at(DAY) }));
    expect(status).toMatchObject({ ratio: '0.25', requiredText: '0.30', bytesToUpload: 1n * GIB, leechingMessage: null });
    expect(status.watch?.endsAt).toEqual(at(14 * DAY));
  });
});
