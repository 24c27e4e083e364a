import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import type { MemberQuery } from '@/lib/validation/moderation';
import { requireStaff } from './authorize';

export const MEMBERS_PER_PAGE = 50;

export interface MemberRow {
  id: number;
  username: string;
  role: string;
  createdAt: Date;
  uploaded: bigint;
  downloaded: bigint;
  banned: boolean;
  requiredRatio: number;
  watchEndsAt: Date | null;
  leechingDisabled: boolean;
}

// Ratio as a sortable number: members who downloaded nothing sort as infinitely healthy.
const RATIO = 'CASE WHEN u.downloaded = 0 THEN 1e308 ELSE CAST(u.uploaded AS REAL) / u.downloaded END';
const ORDER: Record<MemberQuery['sort'], string> = { ratio: RATIO, uploaded: 'u.uploaded', downloaded: 'u.downloaded', joined: 'u.id', username: 'u.usernameKey' };

/** The staff members table: sortable and filterable, worst ratios first by default. */
export async function listMembers(options: { actor: SessionUser; query: MemberQuery }): Promise<{ rows: MemberRow[]; total: number }> {
  requireStaff(options.actor);
  const { query } = options;
  const where: string[] = ['1 = 1'];
  const params: unknown[] = [];
  if (query.q) {
    where.push("u.usernameKey LIKE ? ESCAPE '\\'");
    params.push(`%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (query.status === 'banned') where.push('u.bannedAt IS NOT NULL');
  if (query.status === 'active') where.push('u.bannedAt IS NULL');
  if (query.status === 'watch') where.push('u.watchEndsAt IS NOT NULL');
  if (query.status === 'leech-disabled') where.push('u.leechingDisabled = 1');
  if (query.minDownloadedGiB !== undefined) {
    where.push('u.downloaded >= ?');
    params.push(BigInt(Math.floor(query.minDownloadedGiB * 1024 ** 3)));
  }
  const dir = query.order === 'desc' ? 'DESC' : 'ASC';
  const rows = await db().$queryRawUnsafe<{ id: number; username: string; role: string; createdAt: string | Date; uploaded: bigint | number; downloaded: bigint | number; bannedAt: unknown; requiredRatio: number; watchEndsAt: string | Date | null; leechingDisabled: number | boolean }[]>(
    `SELECT u.id, u.username, u.role, u.createdAt, u.uploaded, u.downloaded, u.bannedAt, u.requiredRatio, u.watchEndsAt, u.leechingDisabled FROM User u WHERE ${where.join(' AND ')}
      ORDER BY ${ORDER[query.sort]} ${dir}, u.id ASC LIMIT ? OFFSET ?`,
    ...params,
    MEMBERS_PER_PAGE,
    (query.page - 1) * MEMBERS_PER_PAGE,
  );
  const counted = await db().$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM User u WHERE ${where.join(' AND ')}`, ...params);
  return {
    total: Number(counted[0]?.n ?? 0),
    rows: rows.map((r) => ({
      id: Number(r.id),
      username: r.username,
      role: r.role,
      createdAt: new Date(r.createdAt),
      uploaded: BigInt(r.uploaded),
      downloaded: BigInt(r.downloaded),
      banned: r.bannedAt !== null,
      requiredRatio: Number(r.requiredRatio),
      watchEndsAt: r.watchEndsAt === null ? null : new Date(r.watchEndsAt),
      leechingDisabled: Boolean(r.leechingDisabled),
    })),
  };
}
