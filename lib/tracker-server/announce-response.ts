import {
  encodeAnnounce, encodeAnnounceDict, jitteredInterval, type AnnounceRequest, type DictPeer, type SelectOptions,
} from '@/lib/tracker';
import type { TrackerContext } from './context';
import type { TorrentInfo } from './directory';

export interface ResponsePlan {
  /** Its snatch count is read when the body is encoded. */
  torrent: TorrentInfo;
  userId: number;
  /** Whether to include peers at all (false for stopped, too-soon and refused announces). */
  withPeers: boolean;
  /** The swarm's seeders and leechers right after this announce. */
  complete: number;
  incomplete: number;
  warning: string | undefined;
}

/** Reused by every body: selection reads it synchronously and keeps nothing of it. */
const select: SelectOptions = { forUserId: 0, isSeeder: false, numwant: 0, family: 'ipv4' };

/**
 * The announce body, chosen from the in-memory swarm right after the request changed memory, so the peers and
 * counts are what this request saw; encode() runs after the commit and reads `downloaded` then from the torrent's
 * cached info, which may include this very snatch.
 */
export class AnnounceBody {
  private readonly interval: number;
  private readonly complete: number;
  private readonly incomplete: number;
  private readonly peers4: Uint8Array = EMPTY;
  private readonly peers6: Uint8Array = EMPTY;
  private readonly peers: DictPeer[] | null = null;

  constructor(private readonly ctx: TrackerContext, private readonly a: AnnounceRequest, private readonly plan: ResponsePlan) {
    const { swarms, settings, directory } = ctx;
    const torrentId = plan.torrent.id;
    this.complete = plan.complete;
    this.incomplete = plan.incomplete;
    this.interval = jitteredInterval(directory.siteRules().intervalSeconds ?? settings.intervalSeconds, ctx.random());
    const numwant = plan.withPeers ? a.numwant : 0;
    select.forUserId = plan.userId;
    select.isSeeder = a.left === 0n;
    select.numwant = numwant;
    select.family = 'ipv4';
    if (a.compact) {
      this.peers4 = swarms.selectPeers(torrentId, select);
      select.family = 'ipv6';
      select.numwant = numwant - this.peers4.length / 6;
      this.peers6 = swarms.selectPeers(torrentId, select);
    } else {
      const v4 = swarms.selectPeerDicts(torrentId, select);
      select.family = 'ipv6';
      select.numwant = numwant - v4.length;
      this.peers = v4.concat(swarms.selectPeerDicts(torrentId, select));
    }
  }

  /** How many peers the reply carries. */
  get peerCount(): number {
    return this.peers === null ? this.peers4.length / 6 + this.peers6.length / 18 : this.peers.length;
  }

  encode(): Uint8Array {
    const minInterval = this.ctx.settings.minIntervalSeconds;
    const downloaded = this.plan.torrent.snatches;
    const { interval, complete, incomplete } = this;
    const warning = this.plan.warning;
    if (this.peers === null) {
      return encodeAnnounce({ interval, minInterval, complete, incomplete, downloaded, warning, peers4: this.peers4, peers6: this.peers6 });
    }
    return encodeAnnounceDict({ interval, minInterval, complete, incomplete, downloaded, warning, peers: this.peers, noPeerId: this.a.noPeerId });
  }
}

const EMPTY = new Uint8Array(0);
