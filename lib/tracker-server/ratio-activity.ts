/**
 * Members whose ratio inputs the tracker changed (credited bytes, seeding), for the site's ratio scheduler to
 * evaluate. Tracker and scheduler share a process but maybe not a module graph, so the queue lives on
 * globalThis, like the cache generation in invalidate.ts. `urgent` members crossed a rule the tracker already
 * enforces in memory (download limit, expired watch); the scheduler persists those first.
 */
const KEY = Symbol.for('giveback.ratioActivity');

interface Queue {
  changed: Set<number>;
  urgent: Set<number>;
  /** Members whose count of seeded torrents may have changed (a peer started, stopped, finished). */
  seeding: Set<number>;
}

function queue(): Queue {
  const holder = globalThis as { [KEY]?: Queue };
  holder[KEY] ??= { changed: new Set(), urgent: new Set(), seeding: new Set() };
  return holder[KEY];
}

export function markRatioActivity(userId: number, urgent = false): void {
  const q = queue();
  q.changed.add(userId);
  if (urgent) q.urgent.add(userId);
}

/** A member's seeding may have changed: the scheduler samples it (and evaluates the member). */
export function markSeedingActivity(userId: number): void {
  const q = queue();
  q.changed.add(userId);
  q.seeding.add(userId);
}

/** Empties the queue and returns what it held. */
export function takeRatioActivity(): { changed: number[]; urgent: number[]; seeding: number[] } {
  const q = queue();
  const taken = { changed: [...q.changed], urgent: [...q.urgent], seeding: [...q.seeding] };
  q.changed.clear();
  q.urgent.clear();
  q.seeding.clear();
  return taken;
}
