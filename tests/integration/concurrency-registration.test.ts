import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { createInvite } from '@/lib/services/invites';
import { registerUser } from '@/lib/services/register-user';
import { putSetting } from '@/lib/services/settings';
import { useTestDatabase } from '../helpers/db';
import { settleAll } from '../helpers/race';

/**
 * Registrations that race. Each test fires its calls at once (on PostgreSQL they run on separate pooled
 * connections; on SQLite they queue for the write lock) and checks what a member would see afterwards.
 */
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
});
afterAll(() => cleanup());

const RACERS = 8;
const input = (username: string, inviteCode?: string) => ({ username, password: 'password-123', confirmPassword: 'password-123', inviteCode });
let admin: SessionUser;

describe('registrations that race', () => {
  it('makes exactly one admin when several people register on an empty site at once', async () => {
    const { fulfilled, rejected } = await settleAll(Array.from({ length: RACERS }, (_, i) => registerUser({ input: input(`founder${i}`) })));
    expect(fulfilled.map((u) => u.role)).toEqual(['admin']);
    // Registration is invite-only once the site has its admin: the others are told so, not made admin too.
    expect(rejected.map((e) => e.userMessage)).toEqual(Array(RACERS - 1).fill('An invite is required to register'));
    expect(await db().user.count({ where: { role: 'admin' } })).toBe(1);
    expect(await db().auditLog.count({ where: { action: 'user.first-admin' } })).toBe(1);
    admin = fulfilled[0]! as SessionUser;
  });

  it('lets one invite make one account when several registrations use it at once', async () => {
    const invite = await createInvite({ actor: admin });
    const { fulfilled, rejected } = await settleAll(Array.from({ length: RACERS }, (_, i) => registerUser({ input: input(`invited${i}`, invite.code) })));
    expect(fulfilled).toHaveLength(1);
    expect(rejected.map((e) => [e.userMessage, e.field])).toEqual(Array(RACERS - 1).fill(['This invite has already been used', 'inviteCode']));
    const row = await db().invite.findUniqueOrThrow({ where: { code: invite.code }, select: { usedById: true } });
    expect(row.usedById).toBe(fulfilled[0]!.id);
    expect(await db().user.count({ where: { username: { startsWith: 'invited' } } })).toBe(1);
  });

  it('gives one account to one username when registrations differ only in case', async () => {
    await putSetting('registrationMode', 'open');
    const names = Array.from({ length: RACERS }, (_, i) => (i % 2 ? 'samename' : 'SameName'));
    const { fulfilled, rejected } = await settleAll(names.map((n) => registerUser({ input: input(n) })));
    expect(fulfilled.map((u) => u.role)).toEqual(['member']);
    expect(rejected.map((e) => [e.userMessage, e.field])).toEqual(Array(RACERS - 1).fill(['This username is taken', 'username']));
  });
});
