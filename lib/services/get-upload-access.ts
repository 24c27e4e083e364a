import 'server-only';
import { hasRole, type Role } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { getRatioStatus } from './ratio/get-ratio-status';
import { getSetting } from './settings';
import { getSitePage } from './site-pages/site-pages';

export interface UploadStanding {
  uploaded: bigint;
  downloaded: bigint;
  /** The member's required ratio, and its display text. */
  required: number;
  requiredText: string;
  onWatch: boolean;
  averageSeeding: number;
  memberSince: Date;
  uploads: number;
}

export type UploadAccess =
  | { allowed: true }
  | { allowed: false; minRole: Role; role: Role; guide: { body: string; updatedAt: Date | null }; standing: UploadStanding };

/**
 * Whether the actor may upload, and if not, what the upload page tells them instead of a bare 403: the role it
 * takes (a site setting), the admins' "Uploading" page (how to get the role here), and their own standing, which
 * staff weigh before granting it. Only the actor's own figures are read.
 */
export async function getUploadAccess(options: { actor: SessionUser; now?: Date }): Promise<UploadAccess> {
  const minRole = await getSetting('uploadMinRole');
  if (hasRole(options.actor.role, minRole)) return { allowed: true };
  const [guide, status, member, uploads] = await Promise.all([
    getSitePage({ slug: 'uploading' }),
    getRatioStatus({ actor: options.actor, userId: options.actor.id, now: options.now }),
    db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { createdAt: true } }),
    db().torrent.count({ where: { uploaderId: options.actor.id, deletedAt: null } }),
  ]);
  return {
    allowed: false,
    minRole,
    role: options.actor.role,
    guide,
    standing: {
      uploaded: status.uploaded,
      downloaded: status.downloaded,
      required: status.required,
      requiredText: status.requiredText,
      onWatch: status.watch !== null,
      averageSeeding: status.averageSeeding,
      memberSince: member.createdAt,
      uploads,
    },
  };
}
