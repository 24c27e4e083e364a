export interface LeechDecisionInput {
  userId: number;
  torrentId: number;
  /** Bytes the client still needs; 0 means seeding, which is always allowed. */
  left: bigint;
  nowMs: number;
}

export type LeechDecision = { allowed: true } | { allowed: false; message: string };

/**
 * Whether this member may download right now. The ratio-enforcement rules will live here; until then
 * everyone may. When it refuses (and left > 0), the announce gets `message` as its failure reason, no peers,
 * and the peer is removed from the swarm so others do not see it; seeding is never refused.
 */
export function leechDecision(input: LeechDecisionInput): LeechDecision {
  void input;
  return { allowed: true };
}
