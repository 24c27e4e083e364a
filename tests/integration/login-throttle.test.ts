import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db/client';
import { authenticateUser, WRONG_CREDENTIALS } from '@/lib/services/authenticate-user';
import { useTestDatabase } from '../helpers/db';

/**
 * The login limits count and hold back what fails (README, "Login limits"): the guessing address, the account
 * from that address, and, for guessing spread over many addresses, the addresses that failed on the account. The
 * owner typing the right password from an address that never failed on the account gets in meanwhile.
 */
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
});
afterAll(() => cleanup());

const PASSWORD = 'owner-password-1';
let n = 0;

async function owner(): Promise<string> {
  n++;
  const username = `owner${n}`;
  await db().user.create({ data: { username, usernameKey: username, passwordHash: await hashPassword(PASSWORD), passkey: n.toString(16).padStart(32, '0') } });
  return username;
}

/** The member-visible outcome of one login attempt. */
async function attempt(username: string, password: string, ip: string): Promise<string> {
  try {
    return `logged in as ${(await authenticateUser({ input: { username, password }, ip })).username}`;
  } catch (error) {
    return (error as { userMessage: string }).userMessage;
  }
}

const TOO_MANY = /^Too many failed attempts\. Try again in \d+ seconds\.$/;

describe('login limits', () => {
  it('holds back the guessing address, and lets the owner in from another address meanwhile', async () => {
    const name = await owner();
    for (let i = 0; i < 5; i++) expect(await attempt(name, `guess-${i}-wrong`, '203.0.113.10')).toBe(WRONG_CREDENTIALS);
    expect(await attempt(name, PASSWORD, '203.0.113.10')).toBe('Too many failed attempts. Try again in 5 seconds.');
    expect(await attempt(name, 'guess-again-wrong', '203.0.113.10')).toMatch(TOO_MANY);
    expect(await attempt(name, PASSWORD, '198.51.100.20')).toBe(`logged in as ${name}`);
    // Still held back: the owner's success elsewhere does not reopen the guesser's address.
    expect(await attempt(name, PASSWORD, '203.0.113.10')).toMatch(TOO_MANY);
  });

  it('holds back one account from the failing address only, not the other accounts tried there', async () => {
    const [first, second] = [await owner(), await owner()];
    // Spread over time as a member mistyping would, under the address's own limit: 3, then 2 more later.
    for (let i = 0; i < 3; i++) expect(await attempt(first, `typo-${i}-wrong`, '192.0.2.30')).toBe(WRONG_CREDENTIALS);
    expect(await attempt(second, PASSWORD, '192.0.2.30')).toBe(`logged in as ${second}`);
    for (let i = 3; i < 5; i++) expect(await attempt(first, `typo-${i}-wrong`, '192.0.2.30')).toBe(WRONG_CREDENTIALS);
    expect(await attempt(first, PASSWORD, '192.0.2.30')).toMatch(TOO_MANY);
  });

  it('slows guessing spread over many addresses, without refusing the owner from an address that never failed', async () => {
    const name = await owner();
    // Twenty addresses, one wrong guess each: the account's own limit across addresses is used up.
    for (let i = 0; i < 20; i++) expect(await attempt(name, `spread-${i}-wrong`, `10.1.0.${i}`)).toBe(WRONG_CREDENTIALS);
    // An address that already failed on the account waits, even with the right password.
    expect(await attempt(name, PASSWORD, '10.1.0.3')).toBe('Too many failed attempts. Try again in 5 seconds.');
    // A new address gets its guess checked; once it fails, it waits too.
    expect(await attempt(name, 'spread-new-wrong', '10.1.0.200')).toBe(WRONG_CREDENTIALS);
    expect(await attempt(name, PASSWORD, '10.1.0.200')).toMatch(TOO_MANY);
    // The owner from an address that never failed on the account gets in.
    expect(await attempt(name, PASSWORD, '10.9.9.9')).toBe(`logged in as ${name}`);
    // Other accounts are not affected from any of those addresses.
    const other = await owner();
    expect(await attempt(other, PASSWORD, '10.1.0.3')).toBe(`logged in as ${other}`);
  });
});
