import 'server-only';
import { newPasskey } from '@/lib/auth/passkey';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/roles';
import { db, dbReady } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { AppError } from '@/lib/errors';
import { passwordSchema, usernameSchema } from '@/lib/validation/auth';
import { getSetting } from './settings';

/** Creates an account directly, outside the registration rules: the operator's command-line path. */
export async function createUser(options: { username: string; password: string; role: Role }) {
  const username = usernameSchema.safeParse(options.username);
  if (!username.success) throw new AppError('BAD_REQUEST', { userMessage: username.error.issues[0]!.message, field: 'username' });
  const password = passwordSchema.safeParse(options.password);
  if (!password.success) throw new AppError('BAD_REQUEST', { userMessage: password.error.issues[0]!.message, field: 'password' });
  await dbReady();
  const startingCredit = BigInt(await getSetting('startingCreditBytes'));
  try {
    return await db().user.create({
      data: {
        username: username.data,
        usernameKey: username.data.toLowerCase(),
        passwordHash: await hashPassword(password.data),
        passkey: newPasskey(),
        role: options.role,
        uploaded: startingCredit,
      },
      select: { id: true, username: true, role: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', { userMessage: 'This username is taken', field: 'username' });
    throw error;
  }
}
