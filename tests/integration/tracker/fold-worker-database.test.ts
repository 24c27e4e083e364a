import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FoldResult } from '@/lib/tracker-server/journal/fold';
import { JournalFolder } from '@/lib/tracker-server/journal/folder';
import { recoverJournal } from '@/lib/tracker-server/journal/recovery';
import { JournalWriter } from '@/lib/tracker-server/journal/writer';
import { testProvider } from '../../helpers/postgres';
import { encodeBatch, openFoldDatabase, seedMembersAndTorrents, type FoldDatabase } from './fold-databases';
import { TrackerSimulation } from './journal-simulation';

/**
 * The fold worker thread on the database the suite runs on (SQLite or PostgreSQL, from the URL it is given):
 * it folds what the tracker journals, tells the tracker what each round applied, keeps going after its database
 * connection is lost, and folds the rest when closed.
 */
const provider = testProvider();
const members = [2, 3, 4, 5];
const torrents = [1, 2, 3];

let db: FoldDatabase | null = null;
let folder: JournalFolder | null = null;
afterEach(async () => {
  await folder?.close();
  folder = null;
  await db?.close();
  db = null;
});

async function start(d: FoldDatabase, dir: string, results: FoldResult[], logs: string[]) {
  const recovered = await recoverJournal({ databaseUrl: d.databaseUrl, dir, log: (l) => logs.push(l) });
  const writer = new JournalWriter({ dir, nextSeq: recovered.nextSeq, segmentBytes: 16 * 1024, fsync: false });
  folder = new JournalFolder(
    {
      databaseUrl: d.databaseUrl, journalId: recovered.journalId, journalDir: dir, intervalMs: 50, busyTimeoutMs: 5000,
      roundBytes: 1 << 20, lockBudgetMs: 2500, stepBytes: 1 << 20, fsync: false, nice: 0, idle: false, appliedSeq: recovered.appliedSeq,
    },
    (result) => results.push(result),
    (line) => logs.push(line),
  );
  return { writer, folder, journalId: recovered.journalId };
}

const credited = async (d: FoldDatabase) =>
  (await d.rows('SELECT SUM("uploaded") AS up, SUM("downloaded") AS down FROM "User"'))[0];

describe(`the fold worker (${provider})`, () => {
  it('folds each acknowledged batch once, reports what it applied, and folds the rest when closed', async () => {
    db = await openFoldDatabase(provider);
    await seedMembersAndTorrents(db, members.length, torrents.length);
    const results: FoldResult[] = [];
    const logs: string[] = [];
    const { writer, folder: f, journalId } = await start(db, path.join(db.dir, 'journal'), results, logs);
    const sim = new TrackerSimulation(41, members, torrents);
    const batches = Array.from({ length: 8 }, () => sim.records(25));
    for (const records of batches.slice(0, 5)) writer.append(encodeBatch(0, records).payload);
    await f.waitFor(writer.lastSeq);
    expect(f.appliedSeq).toBe(5);
    expect(results.reduce((n, r) => n + r.records, 0)).toBe(125);
    expect(new Set(results.flatMap((r) => r.users))).toEqual(new Set(members));

    // Batches left in the journal at close are folded before the worker ends.
    for (const records of batches.slice(5)) writer.append(encodeBatch(0, records).payload);
    writer.close();
    await f.close();
    folder = null;
    expect(await db.rows('SELECT "id", "appliedSeq" FROM "TrackerJournal"')).toEqual([{ id: journalId, appliedSeq: '8' }]);
    expect(results.reduce((n, r) => n + r.records, 0)).toBe(200);

    // The same batches folded directly into a database of the same kind leave the same rows.
    const reference = await openFoldDatabase(provider);
    try {
      await seedMembersAndTorrents(reference, members.length, torrents.length);
      await reference.fold('reference', batches.map((records, i) => encodeBatch(i + 1, records)));
      expect(await db.snapshot()).toEqual(await reference.snapshot());
    } finally {
      await reference.close();
    }
    expect(logs.filter((l) => l.includes('failed'))).toEqual([]);
  });

  it.runIf(provider === 'postgres')('goes on folding on a new connection after the server ended its connection', async () => {
    db = await openFoldDatabase(provider);
    await seedMembersAndTorrents(db, members.length, torrents.length);
    const results: FoldResult[] = [];
    const logs: string[] = [];
    const { writer, folder: f } = await start(db, path.join(db.dir, 'journal'), results, logs);
    const sim = new TrackerSimulation(42, members, torrents);
    const batches = Array.from({ length: 4 }, () => sim.records(20));
    writer.append(encodeBatch(0, batches[0] ?? []).payload);
    await f.waitFor(writer.lastSeq);
    // As a restart of PostgreSQL or a failover would: the fold's connection is ended by the server.
    const ended = async () => Number((await db?.rows(
      `SELECT COUNT(pg_terminate_backend("pid")) AS n FROM pg_stat_activity
       WHERE "application_name" = 'giveback tracker fold' AND "datname" = current_database()`,
    ))?.[0]?.n ?? 0);
    expect(await ended()).toBe(1);
    for (const records of batches.slice(1)) writer.append(encodeBatch(0, records).payload);
    await f.waitFor(writer.lastSeq);
    expect(results.reduce((n, r) => n + r.records, 0)).toBe(80);
    const expected = batches.flat().reduce((s, r) => s + (r.kind === 'announce' ? r.creditedUploaded : 0n), 0n);
    expect((await credited(db))?.up).toBe(String(expected));
    writer.close();
  });
});
