import type { OpenConnection } from './database';
import type { AnnounceEffect, Effect } from './effects';
import { sqlBool, sqlDate } from './sql-values';

export interface CommitResult {
  /** New snatches per torrent id, to add to the in-memory figures after the commit. */
  snatches: Map<number, number>;
}

/**
 * Applies one batch in a single IMMEDIATE transaction (the write lock is taken first, so a busy database fails
 * before anything is written). Each touched torrent gets its seeders/leechers from `counts` (the in-memory
 * swarm, which already includes the batch) plus its snatch and balance deltas. Throws on any error; SQLite
 * then rolls the whole batch back.
 */
export function commitBatch(
  conn: OpenConnection,
  effects: readonly Effect[],
  counts: (torrentId: number) => { seeders: number; leechers: number },
): CommitResult {
  const torrents = new Map<number, { snatches: number; balance: bigint }>();
  const run = conn.db.transaction(() => {
    for (const effect of effects) {
      const t = torrents.get(effect.torrentId) ?? { snatches: 0, balance: 0n };
      torrents.set(effect.torrentId, t);
      if (effect.kind === 'expire') {
        conn.sql.deletePeer.run(effect.torrentId, effect.userId, effect.peerId);
        continue;
      }
      if (applyAnnounce(conn, effect)) t.snatches++;
      t.balance += effect.actualUploaded - effect.actualDownloaded;
    }
    for (const [torrentId, t] of torrents) {
      const c = counts(torrentId);
      conn.sql.updateTorrent.run(c.seeders, c.leechers, t.snatches, t.balance, torrentId);
    }
  });
  run.immediate();
  const snatches = new Map<number, number>();
  for (const [torrentId, t] of torrents) if (t.snatches > 0) snatches.set(torrentId, t.snatches);
  return { snatches };
}

/** Returns whether this announce was the member's first completion of the torrent (a snatch). */
function applyAnnounce(conn: OpenConnection, e: AnnounceEffect): boolean {
  const at = sqlDate(e.nowMs);
  const { sql } = conn;
  if (e.peer === null) {
    sql.deletePeer.run(e.torrentId, e.userId, e.peerId);
  } else {
    const p = e.peer;
    sql.upsertPeer.run(
      e.torrentId, e.userId, e.peerId, p.ip, p.port, p.uploaded, p.downloaded, p.left, sqlBool(p.left === 0n),
      p.client, at, at,
    );
  }
  sql.upsertHistory.run(
    e.userId, e.torrentId, e.actualUploaded, e.actualDownloaded, e.creditedUploaded, e.creditedDownloaded,
    e.seedSeconds, at, at,
  );
  if (e.creditedUploaded !== 0n || e.creditedDownloaded !== 0n) {
    sql.creditUser.run(e.creditedUploaded, e.creditedDownloaded, e.userId);
  }
  for (const flag of e.flags) sql.insertFlag.run(e.userId, e.torrentId, flag.kind, flag.details, at);
  return e.completed && sql.markCompleted.run(at, e.userId, e.torrentId).changes === 1;
}
