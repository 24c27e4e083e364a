/**
 * Prisma binds at most 999 values per SQLite statement and does not split every query that would need more (a
 * groupBy over 10,000 members failed with "The query parameter limit supported by your database is exceeded"),
 * so lists of ids go to the database this many at a time (queries binding at most two values per id).
 */
export const SLICE = 400;

export function slices<T>(items: readonly T[], size = SLICE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Resolves on the event loop's next turn. SQLite queries through Prisma's better-sqlite3 adapter run
 * synchronously and resolve as microtasks, so a loop of awaited queries never lets a socket be read: a pass
 * over 10,000 members held the tracker's event loop for 0.7 s. Awaiting this between slices lets it answer.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
