import {
  clientFromPeerId, parseAnnounceQuery, peerEndpoint, peerIdMatchesBlacklist, type AnnounceRequest,
} from '@/lib/tracker';
import { applyAnnounceToMemory } from './announce-plan';
import { buildAnnounceBody } from './announce-response';
import type { TrackerContext } from './context';
import { hexOf } from './hex';
import type { MemberInfo, TorrentInfo } from './directory';
import { trackerMessages } from './messages';
import { normalizeIp, type PeerAddress } from './peer-address';

export interface AnnounceCall {
  member: MemberInfo;
  query: string;
  address: PeerAddress;
  send: (body: Uint8Array) => void;
  fail: (reason: string) => void;
}

/**
 * One announce: validate, find the torrent, enforce the per-member peer limit, apply it to memory at once
 * (so the next request already sees it) and queue its journal record; the reply goes out once that is written.
 */
export function handleAnnounce(ctx: TrackerContext, call: AnnounceCall): void {
  const { settings, directory } = ctx;
  const parsed = parseAnnounceQuery(call.query, { trustIpParam: call.address.trusted, maxNumwant: settings.maxNumwant });
  if (!parsed.ok) return call.fail(parsed.error);
  const a = parsed.value;
  if (peerIdMatchesBlacklist(a.peerId, directory.blacklist())) {
    return call.fail(trackerMessages.clientBanned(clientFromPeerId(a.peerId).label));
  }
  const torrent = directory.torrent(hexOf(a.infoHash));
  if (torrent === null) return call.fail(trackerMessages.unregistered);
  if (torrent.deleted) {
    return call.fail(torrent.deleteReason === '' ? trackerMessages.unregistered : trackerMessages.deleted(torrent.deleteReason));
  }

  const userId = call.member.id;
  const known = ctx.swarms.find(torrent.id, userId, a.peerId) !== -1;
  const stopping = a.event === 'stopped';
  if (!stopping && !known && ctx.swarms.countForUser(torrent.id, userId) >= settings.maxPeersPerUserPerTorrent) {
    return call.fail(trackerMessages.tooManyPeers(settings.maxPeersPerUserPerTorrent));
  }
  const ip = call.address.trusted && !call.address.forwarded && a.ip !== null ? normalizeIp(a.ip) : call.address.ip;
  let endpoint: Uint8Array | null = null;
  if (!stopping) {
    const ep = peerEndpoint(ip, a.port);
    if (!ep.ok) return call.fail(ep.error);
    endpoint = ep.value;
  }
  const decision = a.left > 0n && !stopping ? ctx.leechDecision({
    userId, torrentId: torrent.id, left: a.left, nowMs: ctx.now(),
    ratio: {
      state: call.member.ratio,
      totals: () => directory.totals(userId),
      maxDownloadDuringWatchBytes: directory.siteRules().maxDownloadDuringWatchBytes,
    },
  }) : null;
  const refusal = decision !== null && !decision.allowed ? decision.message : null;
  queueAnnounce(ctx, call, a, { torrent, userId, ip, endpoint, refusal });
}

function queueAnnounce(
  ctx: TrackerContext, call: AnnounceCall, a: AnnounceRequest,
  t: { torrent: TorrentInfo; userId: number; ip: string; endpoint: Uint8Array | null; refusal: string | null },
): void {
  const leaving = a.event === 'stopped' || t.refusal !== null;
  const applied = applyAnnounceToMemory(ctx, a, { ...t, leaving });
  const nowMs = ctx.now();
  const exempt = a.event === 'completed' || a.event === 'stopped';
  const tooSoon = !exempt && applied.previousAtMs !== null && nowMs - applied.previousAtMs < ctx.settings.minIntervalSeconds * 1000;
  const body = buildAnnounceBody(ctx, a, {
    torrentId: t.torrent.id, userId: t.userId, withPeers: !leaving && !tooSoon,
    ...(tooSoon ? { warning: trackerMessages.tooSoon(ctx.settings.minIntervalSeconds) } : {}),
  });
  ctx.batch.submit({
    record: applied.record,
    undo: applied.undo,
    settle: (committed) => {
      if (!committed) call.fail(trackerMessages.unavailable);
      else {
        if (applied.record?.completed === true) {
          try {
            ctx.directory.noteCompletion(t.userId, t.torrent.id);
          } catch {
            // The cached count catches up when the torrent is next loaded; the fold stores the snatch regardless.
          }
        }
        if (t.refusal !== null) return call.fail(t.refusal);
        // The effects are stored; if building the reply fails the client must still get an answer. Its next
        // announce continues from the stored baseline, so nothing is counted twice.
        let reply: ReturnType<typeof body>;
        try {
          reply = body();
        } catch {
          return call.fail(trackerMessages.unavailable);
        }
        call.send(reply);
      }
    },
  });
}

