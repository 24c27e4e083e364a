import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FoldResult } from '@/lib/tracker-server/journal/fold';
import type { JournalBatch } from '@/lib/tracker-server/journal/reader';
import { encodeBatch, openFoldDatabase, seedMembersAndTorrents, type FoldDatabase, type FoldSnapshot } from './fold-databases';
import { TrackerSimulation } from './journal-simulation';

/**
 * The PostgreSQL fold against the SQLite one: the same journal batches folded into a SQLite file and into a
 * PostgreSQL database leave the same rows, as the site reads them (peers, history sums and completions, member
 * totals, torrent counts, flags), round after round, and the folds report the same. Opens both databases itself.
 */
const MEMBERS = 10;
const TORRENTS = 5;
const JOURNAL = 'differential';

let sqlite: FoldDatabase;
let postgres: FoldDatabase;
beforeEach(async () => {
  sqlite = await openFoldDatabase('sqlite');
  postgres = await openFoldDatabase('postgres');
  for (const db of [sqlite, postgres]) await seedMembersAndTorrents(db, MEMBERS, TORRENTS);
});
afterEach(async () => {
  await sqlite.close();
  await postgres.close();
});

const members = Array.from({ length: MEMBERS }, (_, i) => i + 2);
const torrents = Array.from({ length: TORRENTS }, (_, i) => i + 1);

/** What the two folds must agree on (the members whose seeding may have changed differ: each reports a superset). */
const comparable = (r: FoldResult) => ({
  appliedSeq: r.appliedSeq, records: r.records, vanished: r.vanished,
  users: [...r.users].sort((a, b) => a - b), snatches: [...r.snatches].sort((a, b) => a[0] - b[0]),
});

/** Members whose set of seeded torrents differs between two snapshots. */
function seedingChanged(before: FoldSnapshot, after: FoldSnapshot): number[] {
  const seeded = (s: FoldSnapshot) => {
    const m = new Map<string, string>();
    for (const p of s.peers) if (p.seeder === '1') m.set(p.userId ?? '', `${m.get(p.userId ?? '') ?? ''},${p.torrentId}`);
    return m;
  };
  const [a, b] = [seeded(before), seeded(after)];
  return [...new Set([...a.keys(), ...b.keys()])].filter((u) => a.get(u) !== b.get(u)).map(Number);
}

describe('the PostgreSQL fold', () => {
  it.each([1, 2, 3])('leaves the same rows as the SQLite fold, round after round (simulation %i)', async (seed) => {
    const sim = new TrackerSimulation(seed, members, torrents);
    let seq = 0;
    let before = await postgres.snapshot();
    let foldedRecords = 0;
    for (let round = 0; round < 24; round++) {
      // Between rounds the site deletes a member and a torrent; the tracker still has their peers for a round.
      if (round === 10 || round === 17) {
        const userId = members[round === 10 ? 3 : 6] as number;
        const torrentId = round === 10 ? 2 : 5;
        for (const db of [sqlite, postgres]) {
          await db.exec('DELETE FROM "User" WHERE "id" = ?', [userId]);
          await db.exec('DELETE FROM "Torrent" WHERE "id" = ?', [torrentId]);
        }
        const batch = encodeBatch(++seq, sim.records(40));
        const [a, b] = [await sqlite.fold(JOURNAL, [batch]), await postgres.fold(JOURNAL, [batch])];
        expect(comparable(b)).toEqual(comparable(a));
        expect(b.vanished).toBe(true);
        sim.forget({ userId, torrentId });
        before = await postgres.snapshot();
      }
      const batches: JournalBatch[] = [];
      const count = 1 + (round % 4) * 3;
      for (let i = 0; i < count; i++) batches.push(encodeBatch(++seq, sim.records(1 + ((round * 7 + i * 13) % 40))));
      const fromSqlite = await sqlite.fold(JOURNAL, batches);
      const fromPostgres = await postgres.fold(JOURNAL, batches);
      expect(comparable(fromPostgres)).toEqual(comparable(fromSqlite));
      const after = await postgres.snapshot();
      expect(after).toEqual(await sqlite.snapshot());
      for (const userId of seedingChanged(before, after)) expect(fromPostgres.seeding).toContain(userId);
      before = after;
      foldedRecords += fromPostgres.records;
    }
    // The simulation did what it is for.
    const final = await postgres.snapshot();
    expect(foldedRecords).toBeGreaterThan(1000);
    expect(final.history.filter((h) => h.completedAt !== null).length).toBeGreaterThan(3);
    expect(final.flags.some((f) => Number(f.count) > 1)).toBe(true);
    expect(final.torrents.some((t) => Number(t.snatches) > 0)).toBe(true);
    expect(new Set(final.peers.map((p) => `${p.userId},${p.torrentId}`)).size).toBeLessThan(final.peers.length);
  });

  it('applies each batch once, however often it is offered, on either database', async () => {
    const sim = new TrackerSimulation(7, members, torrents);
    const batches = [1, 2, 3].map((seq) => encodeBatch(seq, sim.records(30)));
    for (const db of [sqlite, postgres]) {
      expect((await db.fold(JOURNAL, batches.slice(0, 2))).appliedSeq).toBe(2);
      const once = await db.snapshot();
      expect(await db.fold(JOURNAL, batches.slice(0, 2))).toMatchObject({ appliedSeq: 2, records: 0 });
      expect(await db.snapshot()).toEqual(once);
      // Offered again with the next one: only the next one is applied.
      expect(await db.fold(JOURNAL, batches)).toMatchObject({ appliedSeq: 3, records: 30 });
    }
    expect(await postgres.snapshot()).toEqual(await sqlite.snapshot());
  });
});
