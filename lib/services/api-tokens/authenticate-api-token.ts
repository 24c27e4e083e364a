import 'server-only';
import { ApiRateLimit } from '@/lib/auth/api-rate-limit';
import { hashApiToken, looksLikeApiToken } from '@/lib/auth/api-token';
import { isRole } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { limitStore } from '@/lib/shared-state/rate-limit';
import type { ApiScope } from '@/lib/validation/api-token';
import { tokenUsage } from './usage-buffer';

export interface ApiActor extends SessionUser {
  tokenId: number;
  scopes: ApiScope[];
}

/** A 429: the token made more requests this minute than the site allows. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', { userMessage: `Too many requests with this token: try again in ${retryAfterSeconds} s` });
  }
}

let limit: ApiRateLimit | undefined;

/**
 * The member behind an API token, if the token may do `scope`. Unknown, revoked and expired tokens are 401, a
 * banned member's tokens 403, a token without the scope 403, a token past its rate limit 429. The token itself
 * never appears in a message. Its use is recorded in the usage buffer, written in batches.
 */
export async function authenticateApiToken(options: { token: string | null; scope: ApiScope; ip: string; now?: Date }): Promise<ApiActor> {
  const now = options.now ?? new Date();
  const token = options.token?.trim() ?? '';
  if (!token) throw new AppError('UNAUTHORIZED', { userMessage: 'Send an API token: Authorization: Bearer <token>' });
  if (!looksLikeApiToken(token)) throw new AppError('UNAUTHORIZED', { userMessage: 'This is not an API token of this site' });
  const row = await db().apiToken.findUnique({
    where: { secretHash: hashApiToken(token) },
    select: { id: true, scopes: true, expiresAt: true, revokedAt: true, user: { select: { id: true, username: true, role: true, bannedAt: true } } },
  });
  if (!row) throw new AppError('UNAUTHORIZED', { userMessage: 'Unknown API token' });
  if (row.revokedAt) throw new AppError('UNAUTHORIZED', { userMessage: 'This API token was revoked' });
  if (row.expiresAt && row.expiresAt <= now) throw new AppError('UNAUTHORIZED', { userMessage: `This API token expired on ${row.expiresAt.toISOString()}` });
  if (row.user.bannedAt) throw new AppError('FORBIDDEN', { userMessage: 'This account is banned' });
  if (!isRole(row.user.role)) throw new AppError('FORBIDDEN', { userMessage: 'This account has no valid role' });

  limit ??= new ApiRateLimit(limitStore(), env().apiRateLimitPerMinute);
  const waitMs = await limit.attempt(row.id);
  if (waitMs > 0) throw new RateLimitedError(Math.ceil(waitMs / 1000));

  const scopes = row.scopes.split(',') as ApiScope[];
  tokenUsage().record(row.id, { at: now, ip: options.ip });
  if (!scopes.includes(options.scope)) throw new AppError('FORBIDDEN', { userMessage: `This token lacks the ${options.scope} scope` });
  return { id: row.user.id, username: row.user.username, role: row.user.role, tokenId: row.id, scopes };
}
