import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { createInvite } from '@/lib/services/invites';
import { registerUser } from '@/lib/services/register-user';
import { putSetting } from '@/lib/services/settings';
import { useTestDatabase } from '../helpers/db';

// The real argon2 hashing, counted: a refused registration must not have paid for a hash.
const hashed = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/auth/password')>();
  return {
    ...real,
    hashPassword: (password: string) => {
      hashed.count++;
      return real.hashPassword(password);
    },
  };
});

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
});
afterAll(() => cleanup());

const input = (username: string, inviteCode?: string) => ({ username, password: 'password-123', confirmPassword: 'password-123', inviteCode });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e as { userMessage: string });
  expect(error, 'expected a rejection').not.toBeNull();
  return error!.userMessage;
}

describe('registration checks the cheap things before it hashes a password', () => {
  let admin: SessionUser;

  it('hashes once for an account it creates', async () => {
    admin = (await registerUser({ input: input('founder') })) as SessionUser;
    expect(hashed.count).toBe(1);
  });

  it('refuses a missing, unknown, used or expired invite, a taken name and a closed site without hashing', async () => {
    const used = await createInvite({ actor: admin });
    await registerUser({ input: input('second', used.code) });
    const expired = await createInvite({ actor: admin, now: new Date(Date.now() - 15 * 24 * 3600 * 1000) });
    const fresh = await createInvite({ actor: admin });
    hashed.count = 0;
    expect(await refusal(registerUser({ input: input('bogus') }))).toBe('An invite is required to register');
    expect(await refusal(registerUser({ input: input('bogus', 'ab'.repeat(16)) }))).toBe('This invite code does not exist');
    expect(await refusal(registerUser({ input: input('bogus', used.code) }))).toBe('This invite has already been used');
    expect(await refusal(registerUser({ input: input('bogus', expired.code) }))).toBe('This invite has expired');
    expect(await refusal(registerUser({ input: input('FOUNDER', fresh.code) }))).toBe('This username is taken');
    await putSetting('registrationMode', 'closed');
    expect(await refusal(registerUser({ input: input('bogus', fresh.code) }))).toBe('Registration is closed');
    expect(hashed.count).toBe(0);
    expect(await db().user.count()).toBe(2);
  });
});
