import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { hashOneTimeToken, newOneTimeToken } from '@/lib/auth/one-time-token';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { writeAudit } from '../audit';
import { requireOutranked } from '../moderation/authorize';

export const RESET_LINK_LIFETIME_MS = 24 * 3600 * 1000;

export function resetLinkUrl(token: string): string {
  return `${env().publicUrl}/reset/${token}`;
}

/**
 * Staff issue a one-time password-reset link for a member of a lower rank, to hand over outside the site. Only
 * the token's hash is stored, so the link is shown this once; earlier unused links of the member stop working.
 * Issuing changes nothing else: the member's password and sessions stay until the link is used.
 */
export async function issueResetLink(options: { actor: SessionUser; userId: number; now?: Date }): Promise<{ url: string; expiresAt: Date }> {
  const target = await requireOutranked(options.actor, options.userId);
  const now = options.now ?? new Date();
  const token = newOneTimeToken();
  const expiresAt = new Date(now.getTime() + RESET_LINK_LIFETIME_MS);
  await db().$transaction(async (tx) => {
    await tx.passwordReset.deleteMany({ where: { userId: target.id, usedAt: null } });
    await tx.passwordReset.create({
      data: { userId: target.id, tokenHash: hashOneTimeToken(token), kind: 'staff', createdById: options.actor.id, createdAt: now, expiresAt },
    });
    await writeAudit({ actorId: options.actor.id, action: 'user.reset-link', targetUserId: target.id, after: { expiresAt } }, tx);
  });
  return { url: resetLinkUrl(token), expiresAt };
}
