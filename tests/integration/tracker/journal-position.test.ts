import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEGACY_JOURNAL_ID } from '@/lib/tracker-server/journal/identity';
import { recoverJournal } from '@/lib/tracker-server/journal/recovery';
import { listSegments } from '@/lib/tracker-server/journal/segments';
import { JournalWriter } from '@/lib/tracker-server/journal/writer';
import { testProvider } from '../../helpers/postgres';
import { encodeBatch, openFoldDatabase, seedMembersAndTorrents, type FoldDatabase } from './fold-databases';
import { TrackerSimulation } from './journal-simulation';

/**
 * Where each journal stands (TrackerJournal, keyed by journal) and recovery at start, on the database the suite
 * runs on: two journals folding into one database never skip each other's batches, an upgrade from the single row
 * of old replays nothing twice and loses nothing, and a round that failed half-way is applied once later.
 */
const provider = testProvider();
const MIGRATION = '20261207154335_tracker_journal_per_journal';
const members = [2, 3, 4, 5, 6, 7];
const torrents = [1, 2, 3, 4];

let db: FoldDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

async function open(options: Parameters<typeof openFoldDatabase>[1] = {}): Promise<FoldDatabase> {
  db = await openFoldDatabase(provider, options);
  await seedMembersAndTorrents(db, members.length, torrents.length);
  return db;
}

/** Appends each batch's records as one frame, as the tracker does; small segments, so there are several. */
function writeJournal(dir: string, nextSeq: number, batches: readonly ReturnType<TrackerSimulation['records']>[]): void {
  const writer = new JournalWriter({ dir, nextSeq, segmentBytes: 4096, fsync: false });
  for (const records of batches) writer.append(encodeBatch(0, records).payload);
  writer.close();
}

const positions = async (d: FoldDatabase) => (await d.rows('SELECT "id", "appliedSeq" FROM "TrackerJournal"'))
  .map((r) => [r.id, Number(r.appliedSeq)]).sort();
const credited = async (d: FoldDatabase) =>
  (await d.rows('SELECT SUM("creditedUploaded") AS up, SUM("creditedDownloaded") AS down FROM "UserTorrent"'))[0];
const sumCredits = (batches: readonly ReturnType<TrackerSimulation['records']>[]) => {
  let up = 0n;
  let down = 0n;
  for (const r of batches.flat()) {
    if (r.kind !== 'announce') continue;
    up += r.creditedUploaded;
    down += r.creditedDownloaded;
  }
  return { up: String(up), down: String(down) };
};

describe(`journal positions and recovery (${provider})`, () => {
  it('keeps one position per journal: two journals numbered from 1 into one database are both folded whole', async () => {
    const d = await open();
    const a = path.join(d.dir, 'journal-a');
    const b = path.join(d.dir, 'journal-b');
    // Two trackers' journals, their members apart, their torrents shared.
    const simA = new TrackerSimulation(11, members.slice(0, 3), torrents);
    const simB = new TrackerSimulation(12, members.slice(3), torrents);
    const batchesA = [simA.records(20), simA.records(20), simA.records(20)];
    const batchesB = [simB.records(25), simB.records(25)];
    // Each tracker starts (recovery makes its journal's id), acknowledges its batches and dies before folding.
    const idA = (await recoverJournal({ databaseUrl: d.databaseUrl, dir: a, log: () => undefined })).journalId;
    const idB = (await recoverJournal({ databaseUrl: d.databaseUrl, dir: b, log: () => undefined })).journalId;
    writeJournal(a, 1, batchesA);
    writeJournal(b, 1, batchesB);
    const recoveredA = await recoverJournal({ databaseUrl: d.databaseUrl, dir: a, log: () => undefined });
    const recoveredB = await recoverJournal({ databaseUrl: d.databaseUrl, dir: b, log: () => undefined });
    expect(recoveredA).toMatchObject({ appliedSeq: 3, nextSeq: 4, replayed: 60 });
    expect(recoveredB).toMatchObject({ appliedSeq: 2, nextSeq: 3, replayed: 50 });
    expect([recoveredA.journalId, recoveredB.journalId]).toEqual([idA, idB]);
    expect(idA).not.toBe(idB);
    expect(await positions(d)).toEqual([[recoveredA.journalId, 3], [recoveredB.journalId, 2]].sort());
    expect(await credited(d)).toEqual(sumCredits([...batchesA, ...batchesB]));

    // Each goes on from its own position; the other replays nothing.
    const moreB = [simB.records(10), simB.records(10)];
    writeJournal(b, recoveredB.nextSeq, moreB);
    expect(await recoverJournal({ databaseUrl: d.databaseUrl, dir: b, log: () => undefined }))
      .toEqual({ journalId: recoveredB.journalId, appliedSeq: 4, nextSeq: 5, replayed: 20 });
    expect(await recoverJournal({ databaseUrl: d.databaseUrl, dir: a, log: () => undefined }))
      .toEqual({ journalId: recoveredA.journalId, appliedSeq: 3, nextSeq: 4, replayed: 0 });
    expect(await credited(d)).toEqual(sumCredits([...batchesA, ...batchesB, ...moreB]));
  });

  it('gives a journal from before journal ids the old single row\'s position, so an upgrade replays exactly what it had not applied', async () => {
    const sim = new TrackerSimulation(21, members, torrents);
    const batches = [1, 2, 3, 4, 5].map(() => sim.records(12));
    // The old row said batches up to 3 were folded; their effect is in the tables already (as the old fold left it).
    const d = await open({
      upgrade: { migration: MIGRATION, before: (exec) => exec('INSERT INTO "TrackerJournal" ("id", "appliedSeq") VALUES (1, 3)') },
    });
    expect(await positions(d)).toEqual([[LEGACY_JOURNAL_ID, 3]]);
    await d.exec('UPDATE "TrackerJournal" SET "appliedSeq" = 0');
    await d.fold(LEGACY_JOURNAL_ID, batches.slice(0, 3).map((records, i) => encodeBatch(i + 1, records)));
    expect(await positions(d)).toEqual([[LEGACY_JOURNAL_ID, 3]]);
    const old = path.join(d.dir, 'old-journal');
    mkdirSync(old);
    writeJournal(old, 1, batches);
    expect(listSegments(old).length).toBeGreaterThan(1);

    const recovered = await recoverJournal({ databaseUrl: d.databaseUrl, dir: old, log: () => undefined });
    expect(recovered).toEqual({ journalId: LEGACY_JOURNAL_ID, appliedSeq: 5, nextSeq: 6, replayed: 24 });
    expect(readFileSync(path.join(old, 'journal-id'), 'utf8').trim()).toBe(LEGACY_JOURNAL_ID);
    expect(await credited(d)).toEqual(sumCredits(batches));

    // A journal folder without segments has nothing to replay: it starts a position of its own.
    const fresh = path.join(d.dir, 'fresh-journal');
    const started = await recoverJournal({ databaseUrl: d.databaseUrl, dir: fresh, log: () => undefined });
    expect(started).toMatchObject({ appliedSeq: 0, nextSeq: 1, replayed: 0 });
    expect(started.journalId).not.toBe(LEGACY_JOURNAL_ID);
    expect(await positions(d)).toEqual([[LEGACY_JOURNAL_ID, 5]]);
    expect(await recoverJournal({ databaseUrl: d.databaseUrl, dir: fresh, log: () => undefined })).toMatchObject({ journalId: started.journalId });

    // A damaged id would fold the journal under another position: the tracker refuses to start instead.
    writeFileSync(path.join(fresh, 'journal-id'), 'not an id!\n');
    await expect(recoverJournal({ databaseUrl: d.databaseUrl, dir: fresh, log: () => undefined }))
      .rejects.toThrow(/journal-id does not hold a journal id; restore it from a backup or move the folder aside/);
  });

  it('applies once, at recovery, a journal whose last round failed and was rolled back, and the batches before it not again', async () => {
    const d = await open();
    const dir = path.join(d.dir, 'journal');
    mkdirSync(dir);
    const { journalId } = await recoverJournal({ databaseUrl: d.databaseUrl, dir, log: () => undefined });
    const sim = new TrackerSimulation(31, members, torrents);
    const batches = [1, 2, 3, 4, 5, 6].map(() => sim.records(15));
    writeJournal(dir, 1, batches);
    // The fold worker had applied the first three; the next round fails at its very end (after every row).
    const store = d.store(journalId);
    await store.fold(batches.slice(0, 3).map((records, i) => encodeBatch(i + 1, records)));
    const applied = await d.snapshot();
    await failPositionUpdates(d);
    const failure: unknown = await store.fold(batches.map((records, i) => encodeBatch(i + 1, records))).catch((error: unknown) => error);
    expect(String(failure)).toMatch(/disk on fire/);
    store.failed(failure);
    expect(await d.snapshot()).toEqual(applied);
    expect(await positions(d)).toEqual([[journalId, 3]]);
    await allowPositionUpdates(d);

    // The process dies; at the next start recovery folds what is left, once.
    expect(await recoverJournal({ databaseUrl: d.databaseUrl, dir, log: () => undefined }))
      .toEqual({ journalId, appliedSeq: 6, nextSeq: 7, replayed: 45 });
    expect(await credited(d)).toEqual(sumCredits(batches));
    expect(await recoverJournal({ databaseUrl: d.databaseUrl, dir, log: () => undefined }))
      .toEqual({ journalId, appliedSeq: 6, nextSeq: 7, replayed: 0 });
    expect(listSegments(dir)).toEqual([]);
  });
});

async function failPositionUpdates(d: FoldDatabase): Promise<void> {
  if (d.provider === 'sqlite') {
    await d.exec(`CREATE TRIGGER "fold_fails" BEFORE UPDATE ON "TrackerJournal" BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    return;
  }
  await d.exec(`CREATE FUNCTION fold_fails() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`);
  await d.exec('CREATE TRIGGER "fold_fails" BEFORE UPDATE ON "TrackerJournal" FOR EACH ROW EXECUTE FUNCTION fold_fails()');
}

async function allowPositionUpdates(d: FoldDatabase): Promise<void> {
  await d.exec(d.provider === 'sqlite' ? 'DROP TRIGGER "fold_fails"' : 'DROP TRIGGER "fold_fails" ON "TrackerJournal"');
}
