import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/services/create-user';
import { deleteTorrent } from '@/lib/services/delete-torrent';
import { searchTorrents } from '@/lib/services/search-torrents';
import { putSetting } from '@/lib/services/settings';
import { writeTagsAndSearch } from '@/lib/services/torrent-tags';
import { browseQuerySchema } from '@/lib/validation/browse';
import { useTestDatabase } from '../helpers/db';

/**
 * One table of searches, one set of expected results, run on SQLite (FTS5) and on PostgreSQL (tsvector):
 * the integration and integration-postgres projects both run this file.
 */
interface Listed {
  title: string;
  files: string[];
  tags: string[];
  category: string;
  seeders: number;
  size: number;
  freeleech?: boolean;
  by?: 'alice' | 'bob';
}

// Ids are 1.. in this order; "added" sorts newest (highest id) first.
const CATALOGUE: Listed[] = [
  { title: "Le Fabuleux Destin d'Amélie Poulain", files: ['Amelie.2001.1080p.BluRay.x264/amelie.mkv', 'Subs/french_forced.srt'], tags: ['movie', 'french'], category: 'movies', seeders: 10, size: 8000, freeleech: true },
  { title: 'Amelie soundtrack', files: ['01_La_Valse_d_Amelie.flac', 'cover.jpg'], tags: ['flac'], category: 'music', seeders: 0, size: 300 },
  { title: 'Ubuntu 24.04 Desktop', files: ['ubuntu-24.04-desktop-amd64.iso'], tags: ['linux'], category: 'software', seeders: 50, size: 6000, by: 'bob' },
  { title: 'Über Café: naïve résumé', files: ['naïve/über.txt'], tags: [], category: 'books', seeders: 3, size: 1 },
  { title: 'Debian netinst', files: ['debian-12.5.0-amd64-netinst.iso'], tags: ['linux'], category: 'software', seeders: 5, size: 600 },
  { title: 'Cafeteria recordings', files: ['cafeteria/side_a.mp3'], tags: ['mp3'], category: 'music', seeders: 1, size: 90 },
  { title: 'The Matrix 1999', files: ['The.Matrix.1999.2160p.UHD.mkv'], tags: ['movie', '2160p'], category: 'movies', seeders: 100, size: 60000 },
  { title: '日本語 アニメ collection', files: ['日本語/第1話.mkv'], tags: ['anime'], category: 'other', seeders: 2, size: 700 },
];
const DELETED = 5;

const SEARCHES: [string, Record<string, string>, number[]][] = [
  // Accents, either way round, and case
  ['finds an accented title typed without its accent', { q: 'amelie' }, [2, 1]],
  ['finds an unaccented file name typed with an accent', { q: 'amélie' }, [2, 1]],
  ['ignores case and accents together', { q: 'AMÉLIE' }, [2, 1]],
  ['folds accents on every word of a query', { q: 'naive resume' }, [4]],
  ['folds an umlaut typed with it', { q: 'über' }, [4]],
  ['folds an umlaut typed without it', { q: 'uber' }, [4]],
  // The last word is a prefix, the others are whole words
  ['matches the last word as a prefix', { q: 'cafe' }, [6, 4]],
  ['matches an accented prefix', { q: 'café' }, [6, 4]],
  ['matches a two-letter prefix across accents', { q: 'ub' }, [4, 3]],
  ['matches a prefix of a word with digits', { q: 'matrix 2160' }, [7]],
  ['needs every word, in any order', { q: '1999 matrix' }, [7]],
  ['does not match a word before the last as a prefix', { q: 'matr 1999' }, []],
  ['finds nothing when one word matches nothing', { q: 'matrix amelie' }, []],
  // File names cut at dots, underscores, dashes and slashes
  ['finds a word of a dotted file name', { q: 'x264' }, [1]],
  ['finds a word after an underscore', { q: 'forced' }, [1]],
  ['finds a word between underscores', { q: 'valse' }, [2]],
  ['finds a file extension', { q: 'srt' }, [1]],
  ['finds a version cut at its dot', { q: '24 04' }, [3]],
  ['finds a folder name', { q: 'side' }, [6]],
  ['leaves deleted torrents out', { q: 'amd64' }, [3]],
  ['finds nothing of a deleted torrent', { q: 'netinst' }, []],
  // Tags, non-Latin text, syntax characters
  ['finds a tag as a keyword', { q: 'flac' }, [2]],
  ['finds a tag shared by two torrents', { q: 'movie' }, [7, 1]],
  ['finds words in Japanese', { q: '日本語' }, [8]],
  ['finds a Japanese word with a digit inside', { q: '第1話' }, [8]],
  ['treats an apostrophe as a separator', { q: "d'amélie" }, [2, 1]],
  ['treats search syntax as plain words', { q: '"amelie" OR NOT' }, []],
  ['treats a star as a separator', { q: 'amel*' }, [2, 1]],
  ['finds nothing for an unknown word', { q: 'zzzz' }, []],
  ['browses everything when the query has no words', { q: '!!!' }, [8, 7, 6, 4, 3, 2, 1]],
  // Filters and sorts on a search
  ['combines a search with a category', { q: 'amelie', category: 'music' }, [2]],
  ['combines a search with freeleech', { q: 'amelie', freeleech: '1' }, [1]],
  ['combines a search with alive torrents', { q: 'amelie', status: 'alive' }, [1]],
  ['combines a search with dead torrents', { q: 'amelie', status: 'dead' }, [2]],
  ['combines a search with a tag', { q: 'movie', tags: '2160p' }, [7]],
  ['combines a search with an uploader', { q: 'linux', uploader: 'Bob' }, [3]],
  ['sorts a search by seeders', { q: 'cafe', sort: 'seeders' }, [4, 6]],
  ['sorts a search by name', { q: 'amelie', sort: 'name', order: 'asc' }, [2, 1]],
  ['sorts a search by size', { q: 'movie', sort: 'size', order: 'asc' }, [1, 7]],
  ['sorts a search oldest first', { q: 'cafe', order: 'asc' }, [4, 6]],
  ['browses by seeders without a search', { sort: 'seeders' }, [7, 3, 1, 4, 8, 6, 2]],
  ['browses a category by size', { category: 'music', sort: 'size' }, [2, 6]],
  ['browses several categories at once', { category: 'music,books' }, [6, 4, 2]],
  ['takes several categories as repeated keys too', { category: ['music', 'books'] as unknown as string }, [6, 4, 2]],
  ['combines several categories with a search', { q: 'cafe', category: 'music,software' }, [6]],
];

let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  const alice = await createUser({ username: 'alice', password: 'password-1', role: 'uploader' });
  const bob = await createUser({ username: 'Bob', password: 'password-1', role: 'uploader' });
  const categories = new Map((await db().category.findMany()).map((c) => [c.slug, c.id]));
  for (const [i, t] of CATALOGUE.entries()) {
    await db().$transaction(async (tx) => {
      const created = await tx.torrent.create({
        data: {
          infoHashV1: (i + 1).toString(16).padStart(40, '0'), name: t.title, title: t.title, version: 'v1', size: BigInt(t.size),
          pieceLength: 16384, fileCount: t.files.length, categoryId: categories.get(t.category)!, uploaderId: (t.by === 'bob' ? bob : alice).id,
          seeders: t.seeders, freeleech: t.freeleech ?? false,
          files: { create: t.files.map((path, position) => ({ position, path, size: 1n })) },
        },
      });
      expect(created.id).toBe(i + 1);
      await writeTagsAndSearch(tx, created.id, t.title, t.tags);
    });
  }
  const moderator = await createUser({ username: 'moder', password: 'password-1', role: 'moderator' });
  await deleteTorrent({ actor: moderator as SessionUser, id: DELETED, reason: 'dupe' });
});
afterAll(() => cleanup());

describe('search gives the same results on SQLite and PostgreSQL', () => {
  it.each(SEARCHES)('%s', async (_name, params, ids) => {
    const result = await searchTorrents({ query: browseQuerySchema.parse(params) });
    expect(result.rows.map((r) => r.id)).toEqual(ids);
    expect(result.total).toBe(ids.length);
  });

  it('leaves out what the member browsing has completed when asked for "not yet snatched"', async () => {
    const viewer = await db().user.findFirstOrThrow({ where: { usernameKey: 'alice' } });
    await db().userTorrent.create({ data: { userId: viewer.id, torrentId: 7, completedAt: new Date(), firstAnnounceAt: new Date(), lastAnnounceAt: new Date() } });
    await db().userTorrent.create({ data: { userId: viewer.id, torrentId: 3, firstAnnounceAt: new Date(), lastAnnounceAt: new Date() } });
    const ids = async (params: Record<string, string>) => (await searchTorrents({ query: browseQuerySchema.parse(params), viewerId: viewer.id })).rows.map((r) => r.id);
    expect(await ids({ unsnatched: '1' })).toEqual([8, 6, 4, 3, 2, 1]);
    expect(await ids({ unsnatched: '1', q: 'movie' })).toEqual([1]);
    expect(await ids({})).toEqual([8, 7, 6, 4, 3, 2, 1]);
  });

  it('counts every torrent as freeleech while a site-wide freeleech runs, and only flagged ones after it', async () => {
    await putSetting('siteFreeleechUntil', new Date(Date.now() + 3_600_000).toISOString());
    expect((await searchTorrents({ query: browseQuerySchema.parse({ freeleech: '1' }) })).rows.map((r) => r.id)).toEqual([8, 7, 6, 4, 3, 2, 1]);
    await putSetting('siteFreeleechUntil', new Date(Date.now() - 1000).toISOString());
    expect((await searchTorrents({ query: browseQuerySchema.parse({ freeleech: '1' }) })).rows.map((r) => r.id)).toEqual([1]);
    await putSetting('siteFreeleechUntil', null);
  });

  it('shows what a listed torrent is, with its tags and uploader', async () => {
    const [row] = (await searchTorrents({ query: browseQuerySchema.parse({ q: 'matrix' }) })).rows;
    expect(row).toMatchObject({ id: 7, title: 'The Matrix 1999', category: 'Movies', categorySlug: 'movies', size: 60000n, fileCount: 1, seeders: 100, freeleech: false, doubleUpload: false, uploader: 'alice', tags: ['2160p', 'movie'] });
    expect(row!.createdAt).toBeInstanceOf(Date);
  });
});
