import 'server-only';
import { hasRole, isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { twoFactorRequiredForStaff } from '@/lib/auth/staff-gate';
import { db } from '@/lib/db/client';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import { writeAudit } from '../audit';
import { putSetting } from '../settings';

/** Whether this staff member must turn on two-factor login before using the staff pages. */
export async function staffNeedsTwoFactor(options: { actor: SessionUser }): Promise<boolean> {
  if (!isStaff(options.actor.role) || !(await twoFactorRequiredForStaff())) return false;
  const user = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { totpEnabledAt: true } });
  return user.totpEnabledAt === null;
}

/**
 * Admins require two-factor login for staff roles (or stop requiring it). An admin without it cannot turn the
 * requirement on: they would lock themselves out of the page that turns it off.
 */
export async function updateStaffTwoFactorRequirement(options: { actor: SessionUser; required: boolean }): Promise<void> {
  if (!hasRole(options.actor.role, 'admin')) throw new AppError('FORBIDDEN', { userMessage: 'Admins only' });
  if (options.required) {
    const me = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { totpEnabledAt: true } });
    if (!me.totpEnabledAt) throw new AppError('BAD_REQUEST', { userMessage: 'Turn on two-factor login for your own account first', field: 'required' });
  }
  await serializable(async (tx) => {
    const before = await putSetting('requireTwoFactorForStaff', options.required, tx);
    if (before !== options.required) await writeAudit({ actorId: options.actor.id, action: 'settings.staff-2fa', before, after: options.required }, tx);
  });
}
