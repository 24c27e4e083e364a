import 'server-only';
import { verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import { ACCOUNT_RULE, IP_RULE, LoginThrottle } from '@/lib/auth/throttle';
import { db } from '@/lib/db/client';
import { limitStore } from '@/lib/shared-state/rate-limit';
import { AppError } from '@/lib/errors';
import { type LoginInput } from '@/lib/validation/auth';
import { spendSecondFactor, WRONG_CODE } from './two-factor/second-factor';

let throttles: { ip: LoginThrottle; account: LoginThrottle } | undefined;
/** Created at first use: the store depends on the configuration, which a build never reads. */
function loginThrottles() {
  throttles ??= { ip: new LoginThrottle(limitStore(), 'login-ip', IP_RULE), account: new LoginThrottle(limitStore(), 'login-account', ACCOUNT_RULE) };
  return throttles;
}

export const WRONG_CREDENTIALS = 'Wrong username or password';

export interface AuthenticatedUser {
  id: number;
  username: string;
  sessionVersion: number;
}

/**
 * Checks a login. An unknown username and a wrong password get the same message and cost the same argon2
 * verification; repeated failures per IP and per account make every further attempt wait longer, counted across
 * all the site's processes. A member with two-factor login also gives a code (second-factor.ts); wrong codes are
 * throttled as wrong passwords are.
 */
export async function authenticateUser(options: { input: LoginInput; ip: string; now?: Date }): Promise<AuthenticatedUser> {
  const { ip: ipThrottle, account: accountThrottle } = loginThrottles();
  const accountKey = options.input.username.toLowerCase();
  const wait = Math.max(...(await Promise.all([ipThrottle.retryAfterMs(options.ip), accountThrottle.retryAfterMs(accountKey)])));
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
  if (!user || !valid) {
    await Promise.all([ipThrottle.recordFailure(options.ip), accountThrottle.recordFailure(accountKey)]);
    throw new AppError('UNAUTHORIZED', { userMessage: WRONG_CREDENTIALS });
  }
  if (user.bannedAt) throw new AppError('FORBIDDEN', { userMessage: 'This account is banned' });
  if (user.totpEnabledAt) {
    // A wrong code counts as a failed attempt, as a wrong password does; asking for the code does not.
    try {
      await spendSecondFactor({ userId: user.id, code: options.input.code ?? '', now: options.now ?? new Date() });
    } catch (error) {
      if (error instanceof AppError && error.userMessage === WRONG_CODE) {
        await Promise.all([ipThrottle.recordFailure(options.ip), accountThrottle.recordFailure(accountKey)]);
      }
      throw error;
    }
  }
  await accountThrottle.clear(accountKey);
  return { id: user.id, username: user.username, sessionVersion: user.sessionVersion };
}
