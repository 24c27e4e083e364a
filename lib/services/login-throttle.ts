import 'server-only';
import { ACCOUNT_ADDRESS_RULE, ACCOUNT_RULE, IP_RULE, LoginThrottle } from '@/lib/auth/throttle';
import { limitStore } from '@/lib/shared-state/rate-limit';

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

/**
 * The login throttle of one attempt (README, "Login limits"), shared by everything that checks a password or a
 * second factor (logging in, turning one's own two-factor login off): failures at one count against the others.
 * Counted against the address (every account tried from it), the account from that address, and the account from
 * anywhere; the last one's delay only holds back addresses that have failed on the account.
 */
export function loginAttempt(options: { ip: string; username: string }) {
  const { ip: ipThrottle, accountAddress, account } = loginThrottles();
  const accountKey = options.username.toLowerCase();
  // The address first: it never holds a space, so no two pairs share a key whatever the name typed.
  const pairKey = `${options.ip} ${accountKey}`;
  return {
    /** Milliseconds before another attempt is allowed; 0 when allowed. */
    async waitMs(): Promise<number> {
      const [ipWait, pairWait, accountWait] = await Promise.all([
        ipThrottle.retryAfterMs(options.ip),
        accountAddress.retryAfterMs(pairKey),
        account.retryAfterMs(accountKey),
      ]);
      return Math.max(ipWait, pairWait, accountWait > 0 && (await accountAddress.hasFailed(pairKey)) ? accountWait : 0);
    },
    async recordFailure(): Promise<void> {
      await Promise.all([ipThrottle.recordFailure(options.ip), accountAddress.recordFailure(pairKey), account.recordFailure(accountKey)]);
    },
    /** After a success. The account-wide count stays: an owner must not reset what a guesser elsewhere has used up. */
    async succeeded(): Promise<void> {
      await accountAddress.clear(pairKey);
    },
  };
}
