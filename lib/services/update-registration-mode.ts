import 'server-only';
import { hasRole } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import type { RegistrationMode } from '@/lib/validation/auth';
import { writeAudit } from './audit';
import { putSetting } from './settings';

/** Admins choose invite-only, open or closed registration; the change is audited. */
export async function updateRegistrationMode(options: { actor: SessionUser; mode: RegistrationMode }): Promise<void> {
  if (!hasRole(options.actor.role, 'admin')) throw new AppError('FORBIDDEN', { userMessage: 'Admins only' });
  // Serializable: the audit entry's "before" is the value this write replaced even when two admins save at once.
  await serializable(async (tx) => {
    const before = await putSetting('registrationMode', options.mode, tx);
    if (before !== options.mode) {
      await writeAudit({ actorId: options.actor.id, action: 'settings.registration-mode', before, after: options.mode }, tx);
    }
    await notifyTrackerOnCommit(tx);
  });
  notifyTrackerChanged();
}
