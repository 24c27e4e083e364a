import 'server-only';
import { hasRole, type Role } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit } from './audit';
import { putSetting } from './settings';

/** Admins choose the lowest role allowed to upload torrents (uploader by default). */
export async function updateUploadRole(options: { actor: SessionUser; role: Role }): Promise<void> {
  if (!hasRole(options.actor.role, 'admin')) throw new AppError('FORBIDDEN', { userMessage: 'Admins only' });
  // Serializable: the audit entry's "before" is the value this write replaced even when two admins save at once.
  await serializable(async (tx) => {
    const before = await putSetting('uploadMinRole', options.role, tx);
    if (before !== options.role) await writeAudit({ actorId: options.actor.id, action: 'settings.upload-role', before, after: options.role }, tx);
    await notifyTrackerOnCommit(tx);
  });
  notifyTrackerChanged();
}
