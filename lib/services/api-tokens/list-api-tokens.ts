import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { flushTokenUsage } from './usage-buffer';

export interface ApiTokenDto {
  id: number;
  name: string;
  hint: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
}

/** The actor's tokens, newest first, without their hashes. Pending last-use times are written first. */
export async function listApiTokens(options: { actor: SessionUser }): Promise<ApiTokenDto[]> {
  await flushTokenUsage();
  const rows = await db().apiToken.findMany({
    where: { userId: options.actor.id },
    orderBy: { id: 'desc' },
    select: { id: true, name: true, hint: true, scopes: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true, lastUsedIp: true },
  });
  return rows.map((r) => ({ ...r, scopes: r.scopes.split(',') }));
}
