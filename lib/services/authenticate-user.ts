import 'server-only';
import { verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import { ACCOUNT_ADDRESS_RULE, ACCOUNT_RULE, IP_RULE, LoginThrottle } from '@/lib/auth/throttle';
import { db } from '@/lib/db/client';
import { limitStore } from '@/lib/shared-state/rate-limit';
import { AppError } from '@/lib/errors';
import { type LoginInput } from '@/lib/validation/auth';
import { spendSecondFactor, WRONG_CODE } from './two-factor/second-factor';

type Throttles = { ip: LoginThrottle; accountAddress: LoginThrottle; account: LoginThrottle };
let throttles: Throttles | undefined;
/** Created at first use: the store depends on the configuration, which a build never reads. */
function loginThrottles(): Throttles {
  throttles ??= {
    ip: new LoginThrottle(limitStore(), 'login-ip', IP_RULE),
    accountAddress: new LoginThrottle(limitStore(), 'login-account-address', ACCOUNT_ADDRESS_RULE),
    account: new LoginThrottle(limitStore(), 'login-account', ACCOUNT_RULE),
  };
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
 * verification. Failures are counted against what fails, across all the site's processes (README, "Login
 * limits"): the address (every account tried from it), the account from that address, and the account from
 * anywhere. The last one's delay only holds back addresses that have failed on the account, so guessing from many
 * addresses stays slow while the owner, typing the right password from an address that never failed, gets in.
 * A member with two-factor login also gives a code (second-factor.ts); a wrong code counts as a wrong password.
 */
export async function authenticateUser(options: { input: LoginInput; ip: string; now?: Date }): Promise<AuthenticatedUser> {
  const { ip: ipThrottle, accountAddress, account } = loginThrottles();
  const accountKey = options.input.username.toLowerCase();
  // The address first: it never holds a space, so no two pairs share a key whatever the name typed.
  const pairKey = `${options.ip} ${accountKey}`;
  const [ipWait, pairWait, accountWait] = await Promise.all([
    ipThrottle.retryAfterMs(options.ip),
    accountAddress.retryAfterMs(pairKey),
    account.retryAfterMs(accountKey),
  ]);
  const wait = Math.max(ipWait, pairWait, accountWait > 0 && (await accountAddress.hasFailed(pairKey)) ? accountWait : 0);
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
  const recordFailure = () =>
    Promise.all([ipThrottle.recordFailure(options.ip), accountAddress.recordFailure(pairKey), account.recordFailure(accountKey)]);
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
  // The account-wide count stays: an owner logging in must not reset what a guesser elsewhere has used up.
  await accountAddress.clear(pairKey);
  return { id: user.id, username: user.username, sessionVersion: user.sessionVersion };
}
