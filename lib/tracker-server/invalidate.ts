/**
 * Cache invalidation shared between the tracker and the Next.js site. Both run in one process but in separate
 * module graphs (Next bundles its own copy of this file), so the counter lives on globalThis, not in a module
 * variable.
 */
const KEY = Symbol.for('giveback.trackerGeneration');

type Holder = { [KEY]?: number };

/** Call after a passkey reset, ban, unban, torrent delete or mode change: the tracker drops its caches. */
export function notifyTrackerChanged(): void {
  const holder = globalThis as Holder;
  holder[KEY] = (holder[KEY] ?? 0) + 1;
}

/** The current generation; the tracker compares it with the one its caches were built at. */
export function trackerGeneration(): number {
  return (globalThis as Holder)[KEY] ?? 0;
}
