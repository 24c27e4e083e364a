import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import { writeAudit } from '../audit';
import { statsAdjusted } from '../notifications/messages';
import { notify } from '../notifications/notify';
import { evaluateMemberRatio } from '../ratio/evaluate-member';
import { requireOutranked } from './authorize';

export interface AdjustStatsInput {
  field: 'uploaded' | 'downloaded';
  mode: 'set' | 'add';
  /** Bytes: the new value (set) or a signed delta (add). */
  amount: bigint;
  reason: string;
}

/**
 * Staff correct a member's credited statistics, absolutely or by a delta; the audit entry keeps before and after.
 * The figure is read, checked and written in one serializable transaction with its audit entry (lib/db/serializable.ts),
 * so the tracker's fold, which adds credited bytes on its own connection, or another correction cannot commit
 * between the read and the write and have its bytes overwritten by a figure computed from a stale read.
 */
export async function adjustStats(options: { actor: SessionUser; userId: number; input: AdjustStatsInput; now?: Date }) {
  const { actor, input } = options;
  const target = await requireOutranked(actor, options.userId);
  const { before, after } = await serializable(async (tx) => {
    const current = await tx.user.findUniqueOrThrow({ where: { id: target.id }, select: { uploaded: true, downloaded: true } });
    const before = current[input.field];
    const after = input.mode === 'set' ? input.amount : before + input.amount;
    if (after < 0n) throw new AppError('BAD_REQUEST', { userMessage: `${input.field === 'uploaded' ? 'Uploaded' : 'Downloaded'} cannot go below 0`, field: 'amount' });
    if (after > 2n ** 63n - 1n) throw new AppError('BAD_REQUEST', { userMessage: 'The amount is too large', field: 'amount' });
    await tx.user.update({ where: { id: target.id }, data: { [input.field]: after } });
    await writeAudit({
      actorId: actor.id,
      action: `stats.${input.field}`,
      targetUserId: target.id,
      before: { [input.field]: before },
      after: { [input.field]: after },
      reason: input.reason,
    }, tx);
    await notify(tx, { userIds: [target.id], content: statsAdjusted({ field: input.field, before, after, reason: input.reason }), now: options.now ?? new Date() });
    return { before, after };
  });
  // The rules see the corrected figures at once (a watch may end or start), not at the next sweep.
  await evaluateMemberRatio({ userId: target.id, now: options.now });
  return { before, after };
}
