import 'server-only';
import { verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import { ACCOUNT_RULE, IP_RULE, LoginThrottle } from '@/lib/auth/throttle';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { type LoginInput } from '@/lib/validation/auth';

const globalThrottles = globalThis as unknown as { gbIpThrottle?: LoginThrottle; gbAccountThrottle?: LoginThrottle };
const ipThrottle = (globalThrottles.gbIpThrottle ??= new LoginThrottle(IP_RULE));
const accountThrottle = (globalThrottles.gbAccountThrottle ??= new LoginThrottle(ACCOUNT_RULE));

export const WRONG_CREDENTIALS = 'Wrong username or password';

export interface AuthenticatedUser {
  id: number;
  username: string;
  sessionVersion: number;
}

/**
 * Checks a login. An unknown username and a wrong password get the same message and cost the same argon2
 * verification; repeated failures per IP and per account make every further attempt wait longer.
 */
export async function authenticateUser(options: { input: LoginInput; ip: string; now?: number }): Promise<AuthenticatedUser> {
  const now = options.now ?? Date.now();
  const accountKey = options.input.username.toLowerCase();
  const wait = Math.max(ipThrottle.retryAfterMs(options.ip, now), accountThrottle.retryAfterMs(accountKey, now));
  if (wait > 0) {
    throw new AppError('TOO_MANY_REQUESTS', {
      userMessage: `Too many failed attempts. Try again in ${Math.ceil(wait / 1000)} seconds.`,
    });
  }
  const user = await db().user.findUnique({
    where: { usernameKey: accountKey },
    select: { id: true, username: true, passwordHash: true, sessionVersion: true, bannedAt: true },
  });
  const valid = user ? await verifyPassword(user.passwordHash, options.input.password) : await verifyAgainstDummy(options.input.password);
  if (!user || !valid) {
    ipThrottle.recordFailure(options.ip, now);
    accountThrottle.recordFailure(accountKey, now);
    throw new AppError('UNAUTHORIZED', { userMessage: WRONG_CREDENTIALS });
  }
  if (user.bannedAt) throw new AppError('FORBIDDEN', { userMessage: 'This account is banned' });
  accountThrottle.clear(accountKey);
  return { id: user.id, username: user.username, sessionVersion: user.sessionVersion };
}
