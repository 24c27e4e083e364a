import { describe, expect, it } from 'vitest';
import { BatchWriter, type BatchItem } from '@/lib/tracker-server/batch-writer';
import type { JournalRecord } from '@/lib/tracker-server/journal/records';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function recorder() {
  const events: string[] = [];
  const item = (name: string): BatchItem => ({
    record: null,
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
      commit: (records: JournalRecord[]) => {
        events.push(`commit of ${records.length}`);
        return Promise.resolve();
      },
    });
    ['a', 'b', 'c'].forEach((name) => writer.submit(item(name)));
    expect(events).toEqual([]);
    await nextTurn();
    await Promise.resolve();
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

  it('tells the batch it was not stored when the write succeeded but the fsync failed, without undoing it', async () => {
    const { events, item } = recorder();
    const writer = new BatchWriter({
      windowMs: 0, maxBatchSize: 1000, log: (line) => events.push(line),
      commit: () => Promise.reject(Object.assign(new Error('I/O error'), { code: 'EIO' })),
    });
    writer.submit(item('a'));
    await nextTurn();
    await Promise.resolve();
    expect(events).toEqual(['tracker: batch of 1 written but not synced: EIO: I/O error', 'refused a']);
  });
});
