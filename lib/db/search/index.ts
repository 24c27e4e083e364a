import { env } from '@/lib/env';
import type { Db } from '../client';
import { type DatabaseProvider, databaseProvider } from '../provider';
import { Prisma } from '../generated/client';
import { postgresSearchIndex } from './postgres';
import { sqliteSearchIndex } from './sqlite';

/** A transaction client, as `db().$transaction(async (tx) => …)` hands it out. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** What a torrent is found by: its title, the paths of its files and its tags. */
export interface SearchDocument {
  torrentId: number;
  title: string;
  files: readonly string[];
  tags: readonly string[];
}

/** SQL that limits the browse query's `Torrent t` to the torrents matching every word. */
export interface MatchSql {
  /** Replaces `"Torrent" t` in FROM (the index joined in when it drives the scan). */
  from: Prisma.Sql;
  where: Prisma.Sql;
  /** What "added" (id order) sorts by, so that the index can hand rows over in that order. */
  idOrder: Prisma.Sql;
}

/**
 * The full-text index over torrents, the one part of browsing that differs between databases: SQLite's FTS5
 * table (sqlite.ts) or PostgreSQL's tsvector with a GIN index (postgres.ts). Both match each word of a query
 * whole, except the last, which matches as a prefix while a member is still typing it; case and accents are
 * ignored. tests/integration/search-parity.test.ts runs one table of queries against both.
 */
export interface SearchIndex {
  /** Writes (or replaces) a torrent's entry, inside the transaction that changes the torrent. */
  write(tx: Tx, document: SearchDocument): Promise<void>;
  remove(tx: Tx, torrentId: number): Promise<void>;
  /**
   * `words` are what searchWords() made of the query (lowercase, at least one). `drivesOrder`: the sort is by
   * id, so the index may drive the scan and the first page stops early. May ask `client` first (PostgreSQL
   * looks at how many torrents match before choosing how to find them).
   */
  match(client: Db, words: readonly string[], options: { drivesOrder: boolean }): Promise<MatchSql>;
}

const INDEXES: Record<DatabaseProvider, SearchIndex> = { sqlite: sqliteSearchIndex, postgres: postgresSearchIndex };

/** The search index of the database DATABASE_URL names. */
export function searchIndex(): SearchIndex {
  return INDEXES[databaseProvider(env().databaseUrl)];
}
