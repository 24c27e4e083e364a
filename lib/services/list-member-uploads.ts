import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { PRIVACY_SELECT, privacyOf, visibleParts } from './privacy/profile-privacy';

export const UPLOADS_PER_PAGE = 25;

export interface MemberUploadDto {
  id: number;
  title: string;
  size: bigint;
  seeders: number;
  leechers: number;
  snatches: number;
  createdAt: Date;
}

export interface MemberUploadsDto {
  rows: MemberUploadDto[];
  total: number;
  page: number;
  pages: number;
}

/**
 * The torrents a member uploaded that are still on the site, newest first, a page at a time. Null when the
 * member's paranoia hides the list from the actor (the member and staff always see it).
 */
export async function listMemberUploads(options: { actor: SessionUser; userId: number; page: number }): Promise<MemberUploadsDto | null> {
  const owner = await db().user.findUnique({ where: { id: options.userId }, select: PRIVACY_SELECT });
  if (!owner) throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
  if (!visibleParts(options.actor, options.userId, privacyOf(owner)).uploads) return null;
  const where = { uploaderId: options.userId, deletedAt: null };
  const total = await db().torrent.count({ where });
  const pages = Math.max(1, Math.ceil(total / UPLOADS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(options.page)), pages);
  const rows = await db().torrent.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * UPLOADS_PER_PAGE,
    take: UPLOADS_PER_PAGE,
    select: { id: true, title: true, size: true, seeders: true, leechers: true, snatches: true, createdAt: true },
  });
  return { rows, total, page, pages };
}
