import 'server-only';
import { verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { type LoginInput } from '@/lib/validation/auth';
import { loginAttempt } from './login-throttle';
import { spendSecondFactor, WRONG_CODE } from './two-factor/second-factor';

export const WRONG_CREDENTIALS = 'Wrong username or password';

export interface AuthenticatedUser {
  id: number;
  username: string;
  sessionVersion: number;
}

/**
 * Checks a login. An unknown username and a wrong password get the same message and cost the same argon2
 * verification. Failures are counted against what fails, across all the site's processes (README, "Login
 * limits"): the address (every account tried from it), the account from that address, and the account from
 * anywhere. The last one's delay only holds back addresses that have failed on the account, so guessing from many
 * addresses stays slow while the owner, typing the right password from an address that never failed, gets in.
 * A member with two-factor login also gives a code (second-factor.ts); a wrong code counts as a wrong password.
 */
export async function authenticateUser(options: { input: LoginInput; ip: string; now?: Date }): Promise<AuthenticatedUser> {
  const attempt = loginAttempt({ ip: options.ip, username: options.input.username });
  const accountKey = options.input.username.toLowerCase();
  const wait = await attempt.waitMs();
  if (wait > 0) {
    throw new AppError('TOO_MANY_REQUESTS', {
      userMessage: `Too many failed attempts. Try again in ${Math.ceil(wait / 1000)} seconds.`,
    });
  }
  const user = await db().user.findUnique({
    where: { usernameKey: accountKey },
    select: { id: true, username: true, passwordHash: true, sessionVersion: true, bannedAt: true, totpEnabledAt: true },
  });
  const valid = user ? await verifyPassword(user.passwordHash, options.input.password) : await verifyAgainstDummy(options.input.password);
  const recordFailure = () => attempt.recordFailure();
  if (!user || !valid) {
    await recordFailure();
    throw new AppError('UNAUTHORIZED', { userMessage: WRONG_CREDENTIALS });
  }
  if (user.bannedAt) throw new AppError('FORBIDDEN', { userMessage: 'This account is banned' });
  if (user.totpEnabledAt) {
    // A wrong code counts as a failed attempt, as a wrong password does; asking for the code does not.
    try {
      await spendSecondFactor({ userId: user.id, code: options.input.code ?? '', now: options.now ?? new Date() });
    } catch (error) {
      if (error instanceof AppError && error.userMessage === WRONG_CODE) await recordFailure();
      throw error;
    }
  }
  await attempt.succeeded();
  return { id: user.id, username: user.username, sessionVersion: user.sessionVersion };
}
