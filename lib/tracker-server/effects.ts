import type { AccountingFlag } from '@/lib/tracker';

/** The Peer row an accepted announce leaves behind. */
export interface PeerRowWrite {
  ip: string;
  port: number;
  uploaded: bigint;
  downloaded: bigint;
  left: bigint;
  client: string;
}

/** What one accepted announce changes in the database; applied with its batch in one transaction. */
export interface AnnounceEffect {
  kind: 'announce';
  torrentId: number;
  userId: number;
  peerId: Buffer;
  /** null: the peer left (stopped, refused) and its row is deleted. */
  peer: PeerRowWrite | null;
  actualUploaded: bigint;
  actualDownloaded: bigint;
  creditedUploaded: bigint;
  creditedDownloaded: bigint;
  seedSeconds: number;
  /** event=completed with left=0 from a peer that was leeching; counted once per member and torrent. */
  completed: boolean;
  flags: readonly { kind: AccountingFlag; details: string }[];
  nowMs: number;
}

/** A peer dropped for silence: its row is deleted and the torrent's counts rewritten. */
export interface ExpiryEffect {
  kind: 'expire';
  torrentId: number;
  userId: number;
  peerId: Buffer;
}

export type Effect = AnnounceEffect | ExpiryEffect;
