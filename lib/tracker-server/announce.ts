import {
  announceMemory, clientFromPeerId, compareBytes, encodeFailure, judgeAnnounceTiming, parseAnnounceQuery, peerEndpoint,
  peerIdMatchesBlacklist, type AnnounceRequest,
} from '@/lib/tracker';
import { applyAnnounceToMemory, type AnnounceTarget, type AppliedAnnounce } from './announce-plan';
import { AnnounceBody } from './announce-response';
import type { BatchItem } from './batch-writer';
import type { TrackerContext } from './context';
import type { Directory, MemberInfo, TorrentInfo } from './directory';
import type { JournalRecord } from './journal/records';
import { trackerMessages } from './messages';
import { normalizeIp, type PeerAddress } from './peer-address';
import type { TrackerReply } from './request';
import { isPending } from './store';
import type { MemberTotals } from './store/types';

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
 * What it reads of the database (blacklist and site rules, the torrent, a watched member's totals) comes from
 * the directory's caches; on a miss of an asynchronous store the announce continues when the read answers,
 * and everything that touches the swarms runs after the last read, in one synchronous step.
 */
export function handleAnnounce(ctx: TrackerContext, call: AnnounceCall): void {
  const parsed = parseAnnounceQuery(call.query, { trustIpParam: call.address.trusted, maxNumwant: ctx.settings.maxNumwant });
  if (!parsed.ok) return refuse(ctx, call, parsed.error);
  const shared = ctx.directory.loadShared();
  if (isPending(shared)) return resume(ctx, call, shared.then(() => withRules(ctx, call, parsed.value)));
  withRules(ctx, call, parsed.value);
}

function withRules(ctx: TrackerContext, call: AnnounceCall, a: AnnounceRequest): void {
  if (peerIdMatchesBlacklist(a.peerId, ctx.directory.blacklist())) {
    return refuse(ctx, call, trackerMessages.clientBanned(clientFromPeerId(a.peerId).label));
  }
  const torrent = ctx.directory.torrent(a.infoHash);
  if (isPending(torrent)) return resume(ctx, call, torrent.then((t) => withTorrent(ctx, call, a, t)));
  withTorrent(ctx, call, a, torrent);
}

function withTorrent(ctx: TrackerContext, call: AnnounceCall, a: AnnounceRequest, torrent: TorrentInfo | null): void {
  if (torrent === null) return refuse(ctx, call, trackerMessages.unregistered);
  if (torrent.deleted) {
    return refuse(ctx, call, torrent.deleteReason === '' ? trackerMessages.unregistered : trackerMessages.deleted(torrent.deleteReason));
  }
  // Only a disabled or watched member's leech decision reads the totals (leech-decision.ts): read them first.
  const { ratio } = call.member;
  if (a.left > 0n && a.event !== 'stopped' && (ratio.leechingDisabled || ratio.watch !== null)) {
    const totals = ctx.directory.totals(call.member.id);
    if (isPending(totals)) return resume(ctx, call, totals.then((t) => decide(ctx, call, a, torrent, t)));
    return decide(ctx, call, a, torrent, totals);
  }
  decide(ctx, call, a, torrent, null);
}

function decide(ctx: TrackerContext, call: AnnounceCall, a: AnnounceRequest, torrent: TorrentInfo, totals: MemberTotals | null): void {
  const { settings, directory } = ctx;
  const userId = call.member.id;
  const slot = ctx.swarms.find(torrent.id, userId, a.peerId);
  const stopping = a.event === 'stopped';
  // A completion the tracker never saw start cannot be a snatch: saying so beats a success that records nothing.
  if (a.event === 'completed' && slot === -1) return refuse(ctx, call, trackerMessages.completedUnknown);
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
    ratio: new RatioInput(directory, userId, call.member.ratio, totals),
  }) : null;
  const refusal = decision !== null && !decision.allowed ? decision.message : null;
  // Nothing changes the swarms between here and the plan (the leech decision only reads), so the slot holds.
  queueAnnounce(ctx, call, a, { torrent, userId, ip, endpoint, refusal, slot, nowMs: call.nowMs });
}

/** The announce goes on once a read answers; a read that fails answers it as the synchronous path would. */
function resume(ctx: TrackerContext, call: AnnounceCall, next: Promise<void>): void {
  next.catch((error: unknown) => {
    ctx.readFailed(error);
    refuse(ctx, call, trackerMessages.unavailable);
  });
}

/** What the leech decision reads of the member: a class, not a closure over the member (runs per leecher). */
class RatioInput {
  readonly maxDownloadDuringWatchBytes: bigint;

  constructor(
    private readonly directory: Directory, private readonly userId: number, readonly state: MemberInfo['ratio'],
    private readonly known: MemberTotals | null,
  ) {
    this.maxDownloadDuringWatchBytes = directory.siteRules().maxDownloadDuringWatchBytes;
  }

  totals(): MemberTotals {
    if (this.known !== null) return this.known;
    const totals = this.directory.totals(this.userId);
    // Read ahead for every member whose decision needs them; only a substituted rule could get here.
    if (isPending(totals)) throw new Error('the member totals were not read ahead of the leech decision');
    return totals;
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
  const v2Short = t.torrent.v2Short;
  const viaV2 = v2Short !== null && compareBytes(a.infoHash, v2Short) === 0;
  const memory = t.slot === -1 ? 0 : ctx.swarms.announceMemory(t.slot);
  const applied = applyAnnounceToMemory(ctx, a, t, leaving);
  const timing = judgeAnnounceTiming({
    previousAtMs: applied.previousAtMs, memory, nowMs: t.nowMs, minIntervalMs: ctx.settings.minIntervalSeconds * 1000, event: a.event, viaV2,
  });
  const tooSoon = timing === 'too-soon';
  const withPeers = !leaving && !tooSoon;
  const body = new AnnounceBody(ctx, a, {
    torrent: t.torrent, userId: t.userId, withPeers, complete: applied.seeders, incomplete: applied.leechers,
    warning: tooSoon ? trackerMessages.tooSoon(ctx.settings.minIntervalSeconds) : undefined,
  });
  if (applied.slot !== -1) {
    ctx.swarms.setAnnounceMemory(applied.slot, announceMemory(timing, viaV2, withPeers && a.numwant > 0 && body.peerCount === 0));
  }
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
