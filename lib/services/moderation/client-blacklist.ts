import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { AppError } from '@/lib/errors';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit } from '../audit';
import { requireStaff } from './authorize';

export async function listBlacklist(options: { actor: SessionUser }) {
  requireStaff(options.actor);
  return db().clientBlacklist.findMany({ orderBy: { prefix: 'asc' } });
}

/** Staff refuse a client by peer_id prefix (e.g. `-XL0012-`); the tracker refuses it from the next announce. */
export async function addBlacklistEntry(options: { actor: SessionUser; prefix: string; note: string }) {
  requireStaff(options.actor);
  try {
    await db().$transaction(async (tx) => {
      await tx.clientBlacklist.create({ data: { prefix: options.prefix, note: options.note } });
      await writeAudit({ actorId: options.actor.id, action: 'blacklist.add', after: { prefix: options.prefix }, reason: options.note || null }, tx);
      await notifyTrackerOnCommit(tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', { userMessage: 'This prefix is already blacklisted', field: 'prefix' });
    throw error;
  }
  notifyTrackerChanged();
}

export async function removeBlacklistEntry(options: { actor: SessionUser; id: number }) {
  requireStaff(options.actor);
  const entry = await db().clientBlacklist.findUnique({ where: { id: options.id } });
  if (!entry) throw new AppError('NOT_FOUND', { userMessage: 'No such entry' });
  await db().$transaction(async (tx) => {
    // Two staff removing the same entry at once: the second finds nothing to delete and is told so.
    const removed = await tx.clientBlacklist.deleteMany({ where: { id: options.id } });
    if (removed.count !== 1) throw new AppError('NOT_FOUND', { userMessage: 'No such entry' });
    await writeAudit({ actorId: options.actor.id, action: 'blacklist.remove', before: { prefix: entry.prefix } }, tx);
    await notifyTrackerOnCommit(tx);
  });
  notifyTrackerChanged();
}
