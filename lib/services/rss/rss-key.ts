import 'server-only';
import { newPasskey } from '@/lib/auth/passkey';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';

/**
 * The actor's RSS key (128 random bits, 32 hex), made at first use. Separate from the passkey and the API tokens:
 * a feed URL pasted into a client or shared by mistake is reset alone. Only a still-empty key is set, so two
 * first visits at once agree on one key.
 */
export async function getOrCreateRssKey(options: { actor: SessionUser }): Promise<string> {
  const found = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { rssKey: true } });
  if (found.rssKey) return found.rssKey;
  await db().user.updateMany({ where: { id: options.actor.id, rssKey: null }, data: { rssKey: newPasskey() } });
  return (await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { rssKey: true } })).rssKey!;
}

/** A new RSS key for the actor: every feed URL with the old one stops working at once. */
export async function resetRssKey(options: { actor: SessionUser }): Promise<string> {
  const key = newPasskey();
  await db().user.update({ where: { id: options.actor.id }, data: { rssKey: key } });
  return key;
}
