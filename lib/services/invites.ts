import 'server-only';
import { randomBytes } from 'node:crypto';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

export const INVITE_LIFETIME_MS = 14 * 24 * 3600 * 1000;

export interface InviteDto {
  code: string;
  createdAt: Date;
  expiresAt: Date;
  status: 'open' | 'used' | 'expired';
  usedBy: string | null;
}

/** Staff invite freely; other members spend one of the invites staff granted them. */
export async function createInvite(options: { actor: SessionUser; now?: Date }): Promise<InviteDto> {
  const now = options.now ?? new Date();
  const code = randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_MS);
  await db().$transaction(async (tx) => {
    if (!isStaff(options.actor.role)) {
      const spent = await tx.user.updateMany({
        where: { id: options.actor.id, invitesAvailable: { gt: 0 } },
        data: { invitesAvailable: { decrement: 1 } },
      });
      if (spent.count !== 1) throw new AppError('BAD_REQUEST', { userMessage: 'You have no invites left' });
    }
    await tx.invite.create({ data: { code, createdById: options.actor.id, createdAt: now, expiresAt } });
  });
  return { code, createdAt: now, expiresAt, status: 'open', usedBy: null };
}

export async function listOwnInvites(options: { actor: SessionUser; now?: Date }): Promise<{ invites: InviteDto[]; available: number | 'unlimited' }> {
  const now = options.now ?? new Date();
  const [rows, me] = await Promise.all([
    db().invite.findMany({
      where: { createdById: options.actor.id },
      orderBy: { createdAt: 'desc' },
      take: 100,
      include: { usedBy: { select: { username: true } } },
    }),
    db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { invitesAvailable: true } }),
  ]);
  return {
    available: isStaff(options.actor.role) ? 'unlimited' : me.invitesAvailable,
    invites: rows.map((r) => ({
      code: r.code,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      status: r.usedAt ? 'used' : r.expiresAt <= now ? 'expired' : 'open',
      usedBy: r.usedBy?.username ?? null,
    })),
  };
}

export interface InviteTreeNode {
  id: number;
  username: string;
  role: string;
  createdAt: Date;
  children: InviteTreeNode[];
}

/** Who invited whom, as a forest rooted at members nobody invited. Staff only. */
export async function getInviteTree(options: { actor: SessionUser }): Promise<InviteTreeNode[]> {
  if (!isStaff(options.actor.role)) throw new AppError('FORBIDDEN', { userMessage: 'Staff only' });
  const users = await db().user.findMany({
    select: { id: true, username: true, role: true, createdAt: true, invitedById: true },
    orderBy: { id: 'asc' },
  });
  const nodes = new Map<number, InviteTreeNode>(users.map((u) => [u.id, { id: u.id, username: u.username, role: u.role, createdAt: u.createdAt, children: [] }]));
  const roots: InviteTreeNode[] = [];
  for (const u of users) {
    const node = nodes.get(u.id)!;
    const parent = u.invitedById === null ? undefined : nodes.get(u.invitedById);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
