import 'server-only';
import { newApiToken } from '@/lib/auth/api-token';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { type CreateApiTokenInput, STAFF_SCOPES } from '@/lib/validation/api-token';

/** Tokens one member may hold at once (revoked ones do not count). */
export const MAX_TOKENS_PER_MEMBER = 20;

const DAY_MS = 86_400_000;

/**
 * Creates a token for the actor and returns its secret, the only time it exists outside the member's hands:
 * the database keeps its SHA-256. Staff scopes need a staff role.
 */
export async function createApiToken(options: { actor: SessionUser; input: CreateApiTokenInput; now?: Date }): Promise<{ id: number; token: string }> {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  if (input.scopes.some((s) => STAFF_SCOPES.includes(s)) && !isStaff(actor.role)) {
    throw new AppError('FORBIDDEN', { userMessage: 'Only staff may create tokens with the staff scope', field: 'scopes' });
  }
  const active = await db().apiToken.count({ where: { userId: actor.id, revokedAt: null } });
  if (active >= MAX_TOKENS_PER_MEMBER) {
    throw new AppError('CONFLICT', { userMessage: `You already have ${MAX_TOKENS_PER_MEMBER} tokens: revoke one first`, field: 'name' });
  }
  const { token, hash, hint } = newApiToken();
  const created = await db().apiToken.create({
    data: {
      userId: actor.id,
      name: input.name,
      secretHash: hash,
      hint,
      scopes: input.scopes.join(','),
      createdAt: now,
      expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS),
    },
    select: { id: true },
  });
  return { id: created.id, token };
}
