import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Baselines } from '@/lib/tracker-server/baselines';
import { BatchWriter, type BatchItem } from '@/lib/tracker-server/batch-writer';
import { TrackerDatabase } from '@/lib/tracker-server/database';
import type { Effect } from '@/lib/tracker-server/effects';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function recorder() {
  const events: string[] = [];
  const item = (name: string): BatchItem => ({
    effect: null,
    undo: () => events.push(`undo ${name}`),
    settle: (committed) => events.push(`${committed ? 'sent' : 'refused'} ${name}`),
  });
  return { events, item };
}

describe('group commit with a zero window', () => {
  it('commits everything submitted in one event-loop turn as one batch, answering after the commit', async () => {
    const { events, item } = recorder();
    const writer = new BatchWriter({
      windowMs: 0, maxBatchSize: 1000, log: () => {},
      commit: (effects: Effect[]) => events.push(`commit of ${effects.length}`),
    });
    ['a', 'b', 'c'].forEach((name) => writer.submit(item(name)));
    expect(events).toEqual([]);
    await nextTurn();
    expect(events).toEqual(['commit of 0', 'sent a', 'sent b', 'sent c']);
    expect(writer.batches).toBe(1);
  });

  it('undoes a failed batch newest first and tells every request it was not stored', async () => {
    const { events, item } = recorder();
    const writer = new BatchWriter({
      windowMs: 0, maxBatchSize: 1000, log: (line) => events.push(line),
      commit: () => {
        throw new Error('disk I/O error');
      },
    });
    ['a', 'b'].forEach((name) => writer.submit(item(name)));
    await nextTurn();
    expect(events).toEqual(['tracker: batch of 2 not stored: disk I/O error', 'undo b', 'undo a', 'refused a', 'refused b']);
  });
});

describe('commit durability setting', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    f = await startTrackerFixture();
  });
  afterAll(async () => f.close());

  it.each([
    ['normal', 1],
    ['full', 2],
  ] as const)('opens the connection with synchronous=%s', (mode, pragmaValue) => {
    const database = new TrackerDatabase(f.file, 100, mode);
    try {
      expect(database.get().db.pragma('synchronous', { simple: true })).toBe(pragmaValue);
      expect(database.get().db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      database.close();
    }
  });
});

describe('baseline keys', () => {
  const id = (byte: number) => new Uint8Array(20).fill(byte);

  it('keeps peers apart that differ only in torrent, member or peer_id, however the ids split into bytes', () => {
    const keys = [
      Baselines.key(1, 256, id(1)),
      Baselines.key(256, 1, id(1)),
      Baselines.key(1, 1, id(1)),
      Baselines.key(1, 1, id(2)),
      Baselines.key(2 ** 31 + 5, 7, id(1)),
      Baselines.key(5, 7, id(1)),
      Baselines.key(1, 1, new Uint8Array(19).fill(1)),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(Baselines.key(1, 256, id(1))).toBe(Baselines.key(1, 256, id(1)));
  });
});
