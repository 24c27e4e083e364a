import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { createInvite, listOwnInvites } from '@/lib/services/invites';
import { registerUser } from '@/lib/services/register-user';
import { revokeInvite } from '@/lib/services/revoke-invite';
import { useTestDatabase } from '../helpers/db';

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
});
afterAll(() => cleanup());

const input = (username: string, inviteCode?: string) => ({ username, password: 'password-123', confirmPassword: 'password-123', inviteCode });
const NOT_REVOCABLE = 'This invite can no longer be revoked: it was used, has expired or is not yours';

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e as { userMessage: string });
  expect(error, 'expected a refusal').not.toBeNull();
  return error!.userMessage;
}

describe('revoking an invite', () => {
  let admin: SessionUser;
  let member: SessionUser;

  beforeAll(async () => {
    admin = (await registerUser({ input: input('founder') })) as SessionUser;
    member = (await registerUser({ input: input('member', (await createInvite({ actor: admin })).code) })) as SessionUser;
    await db().user.update({ where: { id: member.id }, data: { invitesAvailable: 1 } });
  });

  it('stops the link working and gives the member their invite back', async () => {
    const invite = await createInvite({ actor: member });
    expect((await listOwnInvites({ actor: member })).available).toBe(0);
    await revokeInvite({ actor: member, code: invite.code });
    expect((await listOwnInvites({ actor: member })).available).toBe(1);
    expect((await listOwnInvites({ actor: member })).invites.map((i) => i.code)).not.toContain(invite.code);
    expect(await refusal(registerUser({ input: input('late', invite.code) }))).toBe('This invite code does not exist');
  });

  it('refuses an invite that was used, one that expired and someone else’s', async () => {
    const used = await createInvite({ actor: admin });
    await registerUser({ input: input('newcomer', used.code) });
    expect(await refusal(revokeInvite({ actor: admin, code: used.code }))).toBe(NOT_REVOCABLE);
    const old = await createInvite({ actor: admin, now: new Date(Date.now() - 15 * 24 * 3600 * 1000) });
    expect(await refusal(revokeInvite({ actor: admin, code: old.code }))).toBe(NOT_REVOCABLE);
    const admins = await createInvite({ actor: admin });
    expect(await refusal(revokeInvite({ actor: member, code: admins.code }))).toBe(NOT_REVOCABLE);
    expect((await listOwnInvites({ actor: member })).available).toBe(1);
  });

  it('refunds once when the same invite is revoked twice at once', async () => {
    const invite = await createInvite({ actor: member });
    const results = await Promise.allSettled([revokeInvite({ actor: member, code: invite.code }), revokeInvite({ actor: member, code: invite.code })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await listOwnInvites({ actor: member })).available).toBe(1);
  });
});
