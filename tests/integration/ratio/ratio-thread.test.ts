import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { startRatioThread, type RatioThread } from '@/lib/services/ratio/ratio-thread';
import { trackerGeneration } from '@/lib/tracker-server/invalidate';
import { markRatioActivity, takeRatioActivity } from '@/lib/tracker-server/ratio-activity';
import { useTestDatabase } from '@/tests/helpers/db';
import { audits, GIB, member, stored } from './fixture';

/**
 * The ratio scheduler as server.ts runs it: on a worker thread with its own database connection, fed the
 * tracker's reports from this thread, and moving this thread's tracker cache generation when it changes what
 * the tracker enforces. (The scheduler's rules themselves are tested in tracker.test.ts and scheduler tests.)
 */
let database: Awaited<ReturnType<typeof useTestDatabase>>;
let thread: RatioThread | null = null;
beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(async () => {
  await thread?.stop();
  await database.cleanup();
});

/** Niceness of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function niceness(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      out.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** Polls an async condition (a row the thread writes) until it holds. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the ratio scheduler thread', () => {
  it('sweeps at start, evaluates the members reported from this thread, and drops the tracker caches here', async () => {
    const low = await member({ downloaded: 20n * GIB, uploaded: 1n * GIB });
    const fine = await member({ downloaded: 20n * GIB, uploaded: 20n * GIB });
    takeRatioActivity();
    const generation = trackerGeneration();
    const before = niceness();
    thread = startRatioThread({ log: () => undefined, forwardMs: 50, activityIntervalMs: 100 });
    await thread.ready;
    // Its passes yield the core to the event loop: the new thread runs at niceness 10.
    expect([...niceness()].filter(([tid, nice]) => !before.has(tid) && nice === 10)).toHaveLength(1);

    // The start-up sweep: everyone with a download is evaluated; the member below the requirement goes on watch.
    await until(async () => (await stored(low.id)).watchStartedAt !== null, 'the sweep to start a watch');
    const evaluatedAt = async (id: number) => (await db().user.findUniqueOrThrow({ where: { id }, select: { ratioEvaluatedAt: true } })).ratioEvaluatedAt;
    await until(async () => (await evaluatedAt(fine.id)) !== null, 'the sweep to evaluate the other member');
    expect((await stored(fine.id)).watchStartedAt).toBeNull();
    expect((await audits(low.id)).map((a) => a.action)).toEqual(['watch.start']);
    // What the tracker enforces changed on the other thread: this thread's generation moved.
    await until(async () => trackerGeneration() !== generation, 'the tracker caches to be dropped');

    // A member created after the sweep is evaluated once the tracker reports them (urgent: at the next pass).
    const later = await member({ downloaded: 30n * GIB, uploaded: 0n });
    markRatioActivity(later.id, true);
    await until(async () => (await stored(later.id)).watchStartedAt !== null, 'the reported member to be evaluated');
    expect(takeRatioActivity().changed).toEqual([]);

    await thread.stop();
    thread = null;
  });
});
