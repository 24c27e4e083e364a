import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { GIB } from '@/lib/ratio';
import { START_MS } from '@/tests/helpers/tracker-fixture';

/** Shared set-up for the ratio tests: members and torrents written through Prisma, clock values as Dates. */
export const T0 = new Date(START_MS);
export const DAY = 86_400_000;
export const at = (ms: number) => new Date(T0.getTime() + ms);
export { GIB };

let n = 0;

export async function member(options: { uploaded?: bigint; downloaded?: bigint; role?: string } = {}): Promise<SessionUser & { passkey: string }> {
  n++;
  const passkey = `${n.toString(16).padStart(8, '0')}${'ab'.repeat(12)}`;
  const user = await db().user.create({
    data: {
      username: `m${n}`, usernameKey: `m${n}`, passwordHash: 'x', passkey, role: options.role ?? 'member',
      uploaded: options.uploaded ?? 0n, downloaded: options.downloaded ?? 0n, createdAt: T0,
    },
    select: { id: true, username: true, role: true },
  });
  return { ...user, role: user.role as SessionUser['role'], passkey };
}

export async function torrent(options: { uploaderId?: number; freeleech?: boolean; deleted?: boolean } = {}) {
  await db().category.upsert({ where: { id: 1 }, create: { id: 1, name: 'c', slug: 'c' }, update: {} });
  const uploaderId = options.uploaderId ?? (await member()).id;
  n++;
  const hash = n.toString(16).padStart(40, '0');
  return db().torrent.create({
    data: {
      infoHashV1: hash, name: `t${n}`, title: `t${n}`, version: 'v1', size: 1000n, pieceLength: 16384, fileCount: 1,
      categoryId: 1, uploaderId, freeleech: options.freeleech ?? false, deletedAt: options.deleted ? T0 : null,
      data: { create: { bytes: new Uint8Array([100, 101]) } },
    },
    select: { id: true, infoHashV1: true },
  });
}

/** A completed download (a snatch) of `torrentId` by `userId`. */
export async function snatch(userId: number, torrentId: number, when = T0) {
  await db().userTorrent.create({
    data: { userId, torrentId, firstAnnounceAt: when, lastAnnounceAt: when, completedAt: when },
  });
}

export async function setTotals(userId: number, totals: { uploaded?: bigint; downloaded?: bigint }) {
  await db().user.update({ where: { id: userId }, data: totals });
}

export async function stored(userId: number) {
  return db().user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      uploaded: true, downloaded: true, leechingDisabled: true, leechingDisabledReason: true, requiredRatio: true,
      watchStartedAt: true, watchEndsAt: true, watchDownloadedAtStart: true, watchRequiredAtStart: true,
    },
  });
}

export async function audits(userId: number) {
  const rows = await db().auditLog.findMany({ where: { targetUserId: userId }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({ actorId: row.actorId, action: row.action, reason: row.reason }));
}
