import 'server-only';
import { getToken } from 'next-auth/jwt';
import type { NextRequest } from 'next/server';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { isStaff } from './roles';

/**
 * Whether a request comes from a logged-in, unbanned staff member with a current session. Used by proxy.ts to
 * answer forged staff-action POSTs with a plain 403; every action still authorizes itself. When the site requires
 * two-factor login for staff, a staff member without it is refused too.
 */
export async function isStaffRequest(request: NextRequest): Promise<boolean> {
  const token = await getToken({ req: request, secret: env().authSecret }).catch(() => null);
  if (!token?.uid || token.revoked) return false;
  const user = await db().user.findUnique({ where: { id: token.uid }, select: { role: true, sessionVersion: true, bannedAt: true, totpEnabledAt: true } });
  if (user === null || user.bannedAt !== null || user.sessionVersion !== token.sv || !isStaff(user.role)) return false;
  return user.totpEnabledAt !== null || !(await twoFactorRequiredForStaff());
}

/** The site setting `requireTwoFactorForStaff` (lib/services/settings.ts), read here without the services layer. */
export async function twoFactorRequiredForStaff(): Promise<boolean> {
  const row = await db().setting.findUnique({ where: { key: 'requireTwoFactorForStaff' } });
  return row !== null && JSON.parse(row.value) === true;
}
