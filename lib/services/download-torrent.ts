import 'server-only';
import { announceUrl } from '@/lib/auth/passkey';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { personalize } from '@/lib/torrent';
import { mayDownload } from './download-policy';

/**
 * The member's personal copy: the stored torrent with `announce` set to their passkey URL. The info dictionary
 * is byte-identical to the stored one, so both infohashes are unchanged. Every download is recorded.
 */
export async function downloadTorrent(options: { actor: SessionUser; id: number; now?: Date }): Promise<{ filename: string; bytes: Uint8Array }> {
  const t = await db().torrent.findUnique({
    where: { id: options.id },
    select: { id: true, name: true, deletedAt: true, data: { select: { bytes: true } } },
  });
  if (!t || t.deletedAt || !t.data) throw new AppError('NOT_FOUND', { userMessage: 'No such torrent' });
  const decision = await mayDownload({ userId: options.actor.id, torrentId: t.id });
  if (!decision.allowed) throw new AppError('FORBIDDEN', { userMessage: decision.message });
  const me = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { passkey: true } });
  const bytes = personalize(new Uint8Array(t.data.bytes), announceUrl(env().publicUrl, me.passkey));
  await db().torrentDownload.create({ data: { userId: options.actor.id, torrentId: t.id, createdAt: options.now ?? new Date() } });
  return { filename: `[${env().siteName}] ${t.name}.torrent`, bytes };
}
