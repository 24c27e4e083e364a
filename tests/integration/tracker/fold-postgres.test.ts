import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeBatch, openFoldDatabase, seedMembersAndTorrents, type FoldDatabase } from './fold-databases';
import { TrackerSimulation } from './journal-simulation';

/**
 * What only PostgreSQL has: other connections writing at the same time, and connections that end under a round.
 * Runs on PostgreSQL whatever the suite runs on.
 */
const members = [2, 3, 4, 5, 6, 7, 8, 9];
const torrents = [1, 2, 3, 4, 5];

let db: FoldDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

async function open(): Promise<FoldDatabase> {
  db = await openFoldDatabase('postgres');
  await seedMembersAndTorrents(db, members.length, torrents.length);
  return db;
}

const creditedSum = (batches: readonly ReturnType<TrackerSimulation['records']>[]) =>
  String(batches.flat().reduce((s, r) => s + (r.kind === 'announce' ? r.creditedUploaded : 0n), 0n));
const userTotal = async (d: FoldDatabase) => (await d.rows('SELECT SUM("uploaded") AS up FROM "User"'))[0]?.up;

describe('the PostgreSQL fold', () => {
  it('rolls back a round whose connection ends while it waits on a row, and applies it once on the next connection', async () => {
    const d = await open();
    const sim = new TrackerSimulation(51, members, torrents);
    const records = [sim.records(30), sim.records(30)];
    const batches = records.map((r, i) => encodeBatch(i + 1, r));
    const store = d.store('killed');
    await store.fold(batches.slice(0, 1));
    const before = await d.snapshot();
    // A site transaction holds every torrent; the round waits for it, and its connection ends meanwhile.
    const site = new pg.Client({ connectionString: d.databaseUrl });
    await site.connect();
    try {
      await site.query('BEGIN');
      await site.query('SELECT "id" FROM "Torrent" FOR UPDATE');
      const round = store.fold(batches).catch((error: unknown) => error);
      for (let i = 0; ; i++) {
        const { rows } = await site.query(`SELECT "pid" FROM pg_stat_activity
          WHERE "application_name" = 'giveback tracker fold' AND "datname" = current_database() AND "wait_event_type" = 'Lock'`);
        if (rows.length === 1) {
          await site.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
          break;
        }
        if (i > 200) throw new Error('the round never waited on the torrents');
        await new Promise((r) => setTimeout(r, 10));
      }
      const failure = await round;
      expect(failure).toBeInstanceOf(Error);
      store.failed(failure);
      await site.query('COMMIT');
    } finally {
      await site.end();
    }
    expect(await d.snapshot()).toEqual(before);
    expect(await store.fold(batches)).toMatchObject({ appliedSeq: 2, records: 30 });
    expect(await store.fold(batches)).toMatchObject({ appliedSeq: 2, records: 0 });
    expect(await userTotal(d)).toBe(creditedSum(records));
  });

  it('folds two journals at once into shared members and torrents without a deadlock, each batch once', async () => {
    const d = await open();
    const simA = new TrackerSimulation(61, members, torrents);
    const simB = new TrackerSimulation(62, members, torrents);
    const roundsA = Array.from({ length: 25 }, () => simA.records(60));
    const roundsB = Array.from({ length: 25 }, () => simB.records(60));
    const foldAll = async (journalId: string, rounds: typeof roundsA) => {
      for (let i = 0; i < rounds.length; i++) await d.fold(journalId, [encodeBatch(i + 1, rounds[i] ?? [])]);
    };
    await Promise.all([foldAll('a', roundsA), foldAll('b', roundsB)]);
    expect((await d.rows('SELECT "id", "appliedSeq" FROM "TrackerJournal"')).sort((x, y) => String(x.id).localeCompare(String(y.id))))
      .toEqual([{ id: 'a', appliedSeq: '25' }, { id: 'b', appliedSeq: '25' }]);
    expect(await userTotal(d)).toBe(String(BigInt(creditedSum(roundsA)) + BigInt(creditedSum(roundsB))));
  });
});
