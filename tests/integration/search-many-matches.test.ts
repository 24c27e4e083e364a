import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { searchIndex } from '@/lib/db/search';
import { createUser } from '@/lib/services/create-user';
import { searchTorrents } from '@/lib/services/search-torrents';
import { browseQuerySchema } from '@/lib/validation/browse';
import { useTestDatabase } from '../helpers/db';

/**
 * A word on more torrents than the count shows (1,000): the page and the "more than" count stay right whichever
 * way the database finds the matches (on PostgreSQL, past 1,000 matches the search no longer lists them by id:
 * a date-sorted page walks the newest torrents, other sorts start from the index).
 */
const TORRENTS = 1_100;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  const uploader = await createUser({ username: 'uploader', password: 'password-1', role: 'uploader' });
  await db().torrent.createMany({
    data: Array.from({ length: TORRENTS }, (_, i) => ({
      id: i + 1, infoHashV1: (i + 1).toString(16).padStart(40, '0'), name: `t${i}`, title: `Concert ${i + 1}`, version: 'v1',
      size: BigInt(i), pieceLength: 16384, fileCount: 1, categoryId: 1, uploaderId: uploader.id, seeders: (i * 7919) % 1000,
    })),
  });
  await db().$transaction(async (tx) => {
    for (let id = 1; id <= TORRENTS; id++) {
      await searchIndex().write(tx, { torrentId: id, title: `Concert ${id}`, files: [`live_${id % 2 ? 'odd' : 'even'}.flac`], tags: [] });
    }
  }, { timeout: 60_000 });
  // Statistics as a live site has them (PostgreSQL then knows "concert" is on every torrent).
  await db().$executeRawUnsafe('ANALYZE');
}, 120_000);
afterAll(() => cleanup());

const search = (params: Record<string, string>) => searchTorrents({ query: browseQuerySchema.parse(params) });
const range = (from: number, to: number, step = -1) => Array.from({ length: Math.floor(Math.abs(to - from) / Math.abs(step)) + 1 }, (_, i) => from + i * step);

describe('a search matching more torrents than the count shows', () => {
  it('lists the newest first and says "more than 1,000"', async () => {
    const result = await search({ q: 'concert' });
    expect(result.rows.map((r) => r.id)).toEqual(range(1100, 1051));
    expect({ total: result.total, totalIsCapped: result.totalIsCapped, pages: result.pages }).toEqual({ total: 1000, totalIsCapped: true, pages: 20 });
  });

  it('pages on by date', async () => {
    expect((await search({ q: 'concert', page: '3' })).rows.map((r) => r.id)).toEqual(range(1000, 951));
  });

  it('sorts the matches by seeders', async () => {
    const ids = (await search({ q: 'conc', sort: 'seeders' })).rows.map((r) => r.id);
    const expected = range(1, TORRENTS, 1).sort((a, b) => ((b - 1) * 7919) % 1000 - ((a - 1) * 7919) % 1000 || b - a).slice(0, 50);
    expect(ids).toEqual(expected);
  });

  it('narrows by a second word on half of them', async () => {
    const result = await search({ q: 'concert odd' });
    expect(result.rows.map((r) => r.id)).toEqual(range(1099, 1001, -2));
    expect(result.total).toBe(550);
  });
});
