import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { requireStaff } from './authorize';

export const AUDIT_PER_PAGE = 50;

/** The audit log, newest first, filterable by action prefix, actor and target username. */
export async function listAudit(options: { actor: SessionUser; action?: string; actorName?: string; targetName?: string; page: number }) {
  requireStaff(options.actor);
  const where = {
    ...(options.action ? { action: { startsWith: options.action } } : {}),
    ...(options.actorName ? { actor: { usernameKey: options.actorName.toLowerCase() } } : {}),
    ...(options.targetName ? { targetUser: { usernameKey: options.targetName.toLowerCase() } } : {}),
  };
  const [rows, total] = await Promise.all([
    db().auditLog.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (options.page - 1) * AUDIT_PER_PAGE,
      take: AUDIT_PER_PAGE,
      include: { actor: { select: { username: true } }, targetUser: { select: { username: true } } },
    }),
    db().auditLog.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id, action: r.action, actor: r.actor?.username ?? 'system', target: r.targetUser?.username ?? null,
      before: r.before, after: r.after, reason: r.reason, createdAt: r.createdAt,
    })),
  };
}
