/**
 * How much journal the next fold round takes in, from how long the last one held the database's write lock.
 * A round holds the lock from its BEGIN IMMEDIATE to its COMMIT, and the site's writes wait for it (and fail
 * after 5 s, lib/db/client.ts). Its CPU time grows with its size, but its wall time also with how little CPU the
 * fold gets: in the idle scheduling class, on a core the event loop keeps busy, one round held the lock for 7 s
 * for 1.8 s of work. So a round that held it longer than `budgetMs` makes the next one smaller in proportion
 * (down to `min`), and a round well within it, once the fold has the CPU again, lets the next be full size
 * (`max`) at once: a backlog is then folded in as few rounds as possible, which costs least per announce. Pure.
 */
export function nextRoundBytes(o: {
  current: number; min: number; max: number; foldedBytes: number; heldMs: number; budgetMs: number;
}): number {
  if (o.foldedBytes <= 0 || !(o.heldMs >= 0)) return o.current;
  if (o.heldMs > o.budgetMs) return Math.max(o.min, Math.min(o.current, Math.floor((o.foldedBytes * o.budgetMs) / o.heldMs)));
  if (o.heldMs < o.budgetMs / 2) return o.max;
  return o.current;
}
