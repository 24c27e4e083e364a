import 'server-only';
import { hasRole, type Role } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { writeAudit } from './audit';
import { putSetting } from './settings';

/** Admins choose the lowest role allowed to upload torrents (uploader by default). */
export async function updateUploadRole(options: { actor: SessionUser; role: Role }): Promise<void> {
  if (!hasRole(options.actor.role, 'admin')) throw new AppError('FORBIDDEN', { userMessage: 'Admins only' });
  const before = await putSetting('uploadMinRole', options.role);
  if (before !== options.role) await writeAudit({ actorId: options.actor.id, action: 'settings.upload-role', before, after: options.role });
}
