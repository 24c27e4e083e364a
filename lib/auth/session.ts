import 'server-only';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { authOptions } from './options';
import { hasRole, type Role, isRole } from './roles';

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
}

/**
 * The member behind this request, or null. Every call re-reads the member and compares the token's session
 * version, so a ban, a password change or "log out everywhere" ends the session on the very next request.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  if (session?.uid === undefined) return null;
  const user = await db().user.findUnique({
    where: { id: session.uid },
    select: { id: true, username: true, role: true, sessionVersion: true, bannedAt: true },
  });
  if (!user || user.bannedAt || user.sessionVersion !== session.sv || !isRole(user.role)) return null;
  return { id: user.id, username: user.username, role: user.role };
});

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError('UNAUTHORIZED', { userMessage: 'Please log in' });
  return user;
}

export async function requireRole(minimum: Role): Promise<SessionUser> {
  const user = await requireUser();
  if (!hasRole(user.role, minimum)) throw new AppError('FORBIDDEN', { userMessage: 'You do not have permission to do this' });
  return user;
}
