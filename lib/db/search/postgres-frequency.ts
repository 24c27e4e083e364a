import type { Db } from '../client';

/** Matching at least this share of torrents, a query is "common": walking torrents in order finds a page soon. */
const COMMON = 0.005;
/** How long the column's statistics are reused before being read again (ANALYZE changes them rarely). */
const REFRESH_MS = 10 * 60_000;

let cached: { at: number; frequencies: Map<string, number> } | undefined;

/**
 * Whether the statistics ANALYZE keeps on the search column (its most common words and their shares) say
 * that this tsquery matches many torrents. Words not among them, and prefixes of none of them, count as rare,
 * which is what the planner cannot assume for prefixes; a rare guess that is wrong costs a larger index scan,
 * not a walk over every torrent. Lexemes are joined by AND (`&`, or `<->` inside one typed word).
 */
export async function isCommon(client: Db, tsquery: string): Promise<boolean> {
  const frequencies = await lexemeFrequencies(client);
  let share = 1;
  for (const [, quoted, prefix] of tsquery.matchAll(/'((?:[^']|'')*)'(:\*)?/g)) {
    const lexeme = (quoted ?? '').replaceAll("''", "'").replaceAll('\\\\', '\\');
    share *= prefix ? prefixShare(frequencies, lexeme) : (frequencies.get(lexeme) ?? 0);
  }
  return share >= COMMON;
}

function prefixShare(frequencies: Map<string, number>, prefix: string): number {
  let share = 0;
  for (const [lexeme, frequency] of frequencies) if (lexeme.startsWith(prefix)) share += frequency;
  return Math.min(1, share);
}

async function lexemeFrequencies(client: Db): Promise<Map<string, number>> {
  if (cached && Date.now() - cached.at < REFRESH_MS) return cached.frequencies;
  const [row] = await client.$queryRaw<{ elems: string[] | null; freqs: number[] | null }[]>`
    SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs::float8[] AS freqs
      FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'torrent_search' AND attname = 'document'`;
  const elems = row?.elems ?? [];
  const freqs = row?.freqs ?? [];
  cached = { at: Date.now(), frequencies: new Map(elems.map((lexeme, i) => [lexeme, freqs[i] ?? 0])) };
  return cached.frequencies;
}
