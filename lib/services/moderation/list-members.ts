import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
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

// Ratio as a sortable number: members who downloaded nothing sort as infinitely healthy. DOUBLE PRECISION is a
// float8 on PostgreSQL (REAL there is a float4) and REAL on SQLite, so this SQL is the same on both.
const RATIO = Prisma.sql`CASE WHEN u.downloaded = 0 THEN 1e308 ELSE CAST(u.uploaded AS DOUBLE PRECISION) / u.downloaded END`;
const ORDER: Record<MemberQuery['sort'], Prisma.Sql> = {
  ratio: RATIO,
  uploaded: Prisma.sql`u.uploaded`,
  downloaded: Prisma.sql`u.downloaded`,
  joined: Prisma.sql`u.id`,
  username: Prisma.sql`u."usernameKey"`,
};

interface MemberRecord {
  id: number;
  username: string;
  role: string;
  createdAt: string | Date;
  uploaded: bigint | number;
  downloaded: bigint | number;
  bannedAt: unknown;
  requiredRatio: number;
  watchEndsAt: string | Date | null;
  leechingDisabled: number | boolean;
}

/**
 * The staff members table: sortable and filterable, worst ratios first by default. Raw SQL for the ratio order,
 * written once for both databases (quoted identifiers, TRUE, bound parameters).
 */
export async function listMembers(options: { actor: SessionUser; query: MemberQuery }): Promise<{ rows: MemberRow[]; total: number }> {
  requireStaff(options.actor);
  const { query } = options;
  const where = Prisma.join(conditions(query), ' AND ');
  const dir = Prisma.raw(query.order === 'desc' ? 'DESC' : 'ASC');
  const rows = await db().$queryRaw<MemberRecord[]>`
    SELECT u.id, u.username, u.role, u."createdAt" AS "createdAt", u.uploaded, u.downloaded, u."bannedAt" AS "bannedAt",
           u."requiredRatio" AS "requiredRatio", u."watchEndsAt" AS "watchEndsAt", u."leechingDisabled" AS "leechingDisabled"
      FROM "User" u WHERE ${where}
     ORDER BY ${ORDER[query.sort]} ${dir}, u.id ASC LIMIT ${MEMBERS_PER_PAGE} OFFSET ${(query.page - 1) * MEMBERS_PER_PAGE}`;
  const counted = await db().$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n FROM "User" u WHERE ${where}`;
  return { total: Number(counted[0]?.n ?? 0), rows: rows.map(toMemberRow) };
}

function conditions(query: MemberQuery): Prisma.Sql[] {
  const where = [Prisma.sql`1 = 1`];
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(Prisma.sql`u."usernameKey" LIKE ${pattern} ESCAPE '\\'`);
  }
  if (query.status === 'banned') where.push(Prisma.sql`u."bannedAt" IS NOT NULL`);
  if (query.status === 'active') where.push(Prisma.sql`u."bannedAt" IS NULL`);
  if (query.status === 'watch') where.push(Prisma.sql`u."watchEndsAt" IS NOT NULL`);
  if (query.status === 'leech-disabled') where.push(Prisma.sql`u."leechingDisabled" = TRUE`);
  if (query.minDownloadedGiB !== undefined) where.push(Prisma.sql`u.downloaded >= ${BigInt(Math.floor(query.minDownloadedGiB * 1024 ** 3))}`);
  return where;
}

function toMemberRow(r: MemberRecord): MemberRow {
  return {
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
  };
}
