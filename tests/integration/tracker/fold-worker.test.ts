import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { waitFor } from '@/tests/helpers/wait';

/**
 * Where the fold worker thread runs: on Linux (where these tests run) in the idle scheduling class by default,
 * so the event loop preempts it at once; at the configured niceness otherwise. Read from /proc for every
 * thread of this process: the tracker's worker is a thread of it.
 */
const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

interface ThreadScheduling { tid: string; nice: number; policy: number }

function threads(): ThreadScheduling[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
    } catch {
      return []; // the thread ended meanwhile
    }
    // After the command name in parentheses: field 3 (state) onwards; nice is field 19, policy field 41.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [{ tid, nice: Number(fields[19 - 3]), policy: Number(fields[41 - 3]) }];
  });
}

const newThreads = (before: ThreadScheduling[]) => threads().filter((t) => !before.some((b) => b.tid === t.tid));

let f: TrackerFixture | null = null;
afterEach(async () => {
  await f?.close();
  f = null;
});

describe('the fold worker thread', () => {
  it('runs in the idle scheduling class by default, and no other thread of the process does', async () => {
    const before = threads();
    expect(before.filter((t) => t.policy === SCHED_IDLE)).toEqual([]);
    f = await startTrackerFixture({});
    await waitFor(() => newThreads(before).some((t) => t.policy === SCHED_IDLE), 'a thread in SCHED_IDLE');
    expect(threads().filter((t) => t.policy === SCHED_IDLE)).toHaveLength(1);
    expect(threads().find((t) => t.tid === String(process.pid))?.policy).toBe(SCHED_OTHER);
    expect(f.logs.filter((l) => l.includes('idle scheduling class'))).toEqual([]);
  });

  it('keeps the normal class at the configured niceness when foldIdle is off', async () => {
    const before = threads();
    f = await startTrackerFixture({ foldIdle: false, foldNice: 7 });
    await waitFor(() => newThreads(before).some((t) => t.nice === 7), 'a thread at niceness 7');
    const worker = newThreads(before).filter((t) => t.nice === 7);
    expect(worker).toHaveLength(1);
    expect(worker[0]?.policy).toBe(SCHED_OTHER);
    expect(threads().filter((t) => t.policy === SCHED_IDLE)).toEqual([]);
  });

  it('says so in the log and keeps its niceness when chrt cannot be run', async () => {
    const before = threads();
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent'; // the worker copies the environment when it starts
    try {
      f = await startTrackerFixture({ foldNice: 9 });
      await waitFor(() => f?.logs.some((l) => l.includes('idle scheduling class')) ?? false, 'the log line');
    } finally {
      process.env.PATH = path;
    }
    expect(f.logs.filter((l) => l.includes('idle scheduling class'))).toEqual([
      expect.stringMatching(/^tracker journal: the fold worker stays at niceness 9, not in the idle scheduling class: chrt failed \(.*ENOENT/),
    ]);
    const worker = newThreads(before).filter((t) => t.nice === 9);
    expect(worker.map((t) => t.policy)).toEqual([SCHED_OTHER]);
  });
});
