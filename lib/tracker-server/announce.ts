import {
  clientFromPeerId, encodeFailure, parseAnnounceQuery, peerEndpoint, peerIdMatchesBlacklist, type AnnounceRequest,
} from '@/lib/tracker';
import { applyAnnounceToMemory, type AnnounceTarget, type AppliedAnnounce } from './announce-plan';
import { AnnounceBody } from './announce-response';
import type { BatchItem } from './batch-writer';
import type { TrackerContext } from './context';
import type { Directory, MemberInfo } from './directory';
import type { JournalRecord } from './journal/records';
import { trackerMessages } from './messages';
import { normalizeIp, type PeerAddress } from './peer-address';
import type { TrackerReply } from './request';

export interface AnnounceCall {
  member: MemberInfo;
  query: string;
  address: PeerAddress;
  reply: TrackerReply;
  /** The request's time (ctx.now() once, as the dispatch read it): every decision of this announce uses it. */
  nowMs: number;
}

/**
 * One announce: validate, find the torrent, enforce the per-member peer limit, apply it to memory at once
 * (so the next request already sees it) and queue its journal record; the reply goes out once that is written.
 */
export function handleAnnounce(ctx: TrackerContext, call: AnnounceCall): void {
  const { settings, directory } = ctx;
  const parsed = parseAnnounceQuery(call.query, { trustIpParam: call.address.trusted, maxNumwant: settings.maxNumwant });
  if (!parsed.ok) return refuse(ctx, call, parsed.error);
  const a = parsed.value;
  if (peerIdMatchesBlacklist(a.peerId, directory.blacklist())) {
    return refuse(ctx, call, trackerMessages.clientBanned(clientFromPeerId(a.peerId).label));
  }
  const torrent = directory.torrent(a.infoHash);
  if (torrent === null) return refuse(ctx, call, trackerMessages.unregistered);
  if (torrent.deleted) {
    return refuse(ctx, call, torrent.deleteReason === '' ? trackerMessages.unregistered : trackerMessages.deleted(torrent.deleteReason));
  }

  const userId = call.member.id;
  const slot = ctx.swarms.find(torrent.id, userId, a.peerId);
  const stopping = a.event === 'stopped';
  if (!stopping && slot === -1 && ctx.swarms.countForUser(torrent.id, userId) >= settings.maxPeersPerUserPerTorrent) {
    return refuse(ctx, call, trackerMessages.tooManyPeers(settings.maxPeersPerUserPerTorrent));
  }
  const ip = call.address.trusted && !call.address.forwarded && a.ip !== null ? normalizeIp(a.ip) : call.address.ip;
  let endpoint: Uint8Array | null = null;
  if (!stopping) {
    const ep = peerEndpoint(ip, a.port);
    if (!ep.ok) return refuse(ctx, call, ep.error);
    endpoint = ep.value;
  }
  const decision = a.left > 0n && !stopping ? ctx.leechDecision({
    userId, torrentId: torrent.id, left: a.left, nowMs: call.nowMs,
    ratio: new RatioInput(directory, userId, call.member.ratio),
  }) : null;
  const refusal = decision !== null && !decision.allowed ? decision.message : null;
  // Nothing changes the swarms between here and the plan (the leech decision only reads), so the slot holds.
  queueAnnounce(ctx, call, a, { torrent, userId, ip, endpoint, refusal, slot, nowMs: call.nowMs });
}

/** What the leech decision reads of the member: a class, not a closure over the member (runs per leecher). */
class RatioInput {
  readonly maxDownloadDuringWatchBytes: bigint;

  constructor(private readonly directory: Directory, private readonly userId: number, readonly state: MemberInfo['ratio']) {
    this.maxDownloadDuringWatchBytes = directory.siteRules().maxDownloadDuringWatchBytes;
  }

  totals(): { uploaded: bigint; downloaded: bigint } {
    return this.directory.totals(this.userId);
  }
}

function refuse(ctx: TrackerContext, call: AnnounceCall, reason: string): void {
  call.reply.send(encodeFailure(reason, ctx.settings.minIntervalSeconds));
}

function queueAnnounce(
  ctx: TrackerContext, call: AnnounceCall, a: AnnounceRequest,
  t: AnnounceTarget & { refusal: string | null },
): void {
  const leaving = a.event === 'stopped' || t.refusal !== null;
  const applied = applyAnnounceToMemory(ctx, a, t, leaving);
  const nowMs = t.nowMs;
  const exempt = a.event === 'completed' || a.event === 'stopped';
  const tooSoon = !exempt && applied.previousAtMs !== null && nowMs - applied.previousAtMs < ctx.settings.minIntervalSeconds * 1000;
  const body = new AnnounceBody(ctx, a, {
    torrent: t.torrent, userId: t.userId, withPeers: !leaving && !tooSoon, complete: applied.seeders, incomplete: applied.leechers,
    warning: tooSoon ? trackerMessages.tooSoon(ctx.settings.minIntervalSeconds) : undefined,
  });
  ctx.batch.submit(new PendingAnnounce(ctx, call.reply, a.peerId, t.torrent.id, t.userId, applied, body, t.refusal));
}

/** One announce's share of a batch (a class, not closures: this runs for every announce). */
class PendingAnnounce implements BatchItem {
  readonly record: JournalRecord | null;

  constructor(
    private readonly ctx: TrackerContext,
    private readonly reply: TrackerReply,
    private readonly peerId: Uint8Array,
    private readonly torrentId: number,
    private readonly userId: number,
    private readonly applied: AppliedAnnounce,
    private readonly body: AnnounceBody,
    private readonly refusal: string | null,
  ) {
    this.record = applied.record;
  }

  undo(): void {
    this.ctx.swarms.restore(this.torrentId, this.userId, this.peerId, this.applied.before);
  }

  settle(committed: boolean): void {
    if (!committed) return this.fail(trackerMessages.unavailable);
    if (this.applied.record?.completed === true) {
      try {
        this.ctx.directory.noteCompletion(this.userId, this.torrentId);
      } catch {
        // The cached count catches up when the torrent is next loaded; the fold stores the snatch regardless.
      }
    }
    if (this.refusal !== null) return this.fail(this.refusal);
    // The effects are stored; if building the reply fails the client must still get an answer. Its next
    // announce continues from the stored baseline, so nothing is counted twice.
    let encoded: Uint8Array;
    try {
      encoded = this.body.encode();
    } catch {
      return this.fail(trackerMessages.unavailable);
    }
    this.reply.send(encoded);
  }

  private fail(reason: string): void {
    this.reply.send(encodeFailure(reason, this.ctx.settings.minIntervalSeconds));
  }
}
