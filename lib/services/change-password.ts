import 'server-only';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { ChangePasswordInput } from '@/lib/validation/auth';

/** Changes the actor's own password and ends all of their sessions (this one included). */
export async function changePassword(options: { actor: SessionUser; input: ChangePasswordInput }): Promise<void> {
  const row = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(row.passwordHash, options.input.currentPassword))) {
    throw new AppError('BAD_REQUEST', { userMessage: 'Current password is wrong', field: 'currentPassword' });
  }
  const passwordHash = await hashPassword(options.input.newPassword);
  await db().user.update({
    where: { id: options.actor.id },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
}
