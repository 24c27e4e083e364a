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

/**
 * How much journal the next step of a fold can apply within the lock budget left (0: none, stop and commit;
 * Infinity: no pace measured yet), from the pace of the steps so far: a step is planned to take at most half the
 * budget left. A fold that slows down (starved of CPU mid-round) then takes smaller and smaller steps and commits
 * close to its budget, instead of starting a full step just before the budget runs out and holding the lock for
 * that step's whole length past it. At full speed this is far more than a step (FoldLimit.stepBytes), so such a
 * fold is not affected. Pure.
 */
export function pacedStepBytes(o: { budgetMs: number; elapsedMs: number; appliedBytes: number }): number {
  const left = o.budgetMs - o.elapsedMs;
  if (left <= 0) return 0;
  if (o.appliedBytes <= 0 || !(o.elapsedMs > 0)) return Number.POSITIVE_INFINITY;
  return Math.floor(((o.appliedBytes / o.elapsedMs) * left) / 2);
}
