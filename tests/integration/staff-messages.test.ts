import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { useTestDatabase } from '../helpers/db';
import { acceptInserts, refuseInserts } from '../helpers/refuse-inserts';

/** Staff messages: staff start a thread, the member is told in the inbox and answers; every staff member sees it. */
let cleanup: () => Promise<void>;
let mod: SessionUser;
let admin: SessionUser;
let alice: SessionUser;
let bob: SessionUser;
const T0 = new Date('2026-12-01T12:00:00Z');

const s = async () => ({
  send: await import('@/lib/services/staff-messages/send-staff-message'),
  list: await import('@/lib/services/staff-messages/list-threads'),
});

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  const { dbReady } = await import('@/lib/db/client');
  await dbReady();
  const make = async (name: string, role: SessionUser['role'], key: string): Promise<SessionUser> => {
    const u = await db().user.create({ data: { username: name, usernameKey: name, passwordHash: 'x', passkey: key.repeat(32), role } });
    return { id: u.id, username: name, role };
  };
  mod = await make('mod', 'moderator', 'a');
  admin = await make('admin', 'admin', 'b');
  alice = await make('alice', 'member', 'c');
  bob = await make('bob', 'member', 'd');
});
afterAll(() => cleanup());

describe('staff messages', () => {
  it('a thread: staff write, the member is notified and answers, another staff member answers', async () => {
    const { send, list } = await s();
    const { threadId } = await send.sendStaffMessage({ actor: mod, userId: alice.id, input: { subject: 'Your seeding', body: 'Please seed t1 a bit longer.' }, now: T0 });
    expect(await db().notification.findMany({ where: { userId: alice.id }, select: { kind: true, title: true, body: true, createdAt: true } })).toEqual([
      { kind: 'staff.message', title: 'Message from staff: Your seeding', body: 'Staff wrote to you. Read and answer it under Messages.', createdAt: T0 },
    ]);
    await send.replyToThread({ actor: alice, threadId, body: 'Will do, my box was down.', now: new Date(T0.getTime() + 60_000) });
    expect((await list.listAllThreads({ actor: admin }))[0]).toMatchObject({ id: threadId, member: 'alice', awaitingStaff: true });
    await send.replyToThread({ actor: admin, threadId, body: 'Thanks.', now: new Date(T0.getTime() + 120_000) });
    const thread = await list.getThread({ actor: alice, threadId });
    expect(thread.messages.map((m) => [m.author, m.fromStaff, m.body])).toEqual([
      ['mod', true, 'Please seed t1 a bit longer.'], ['alice', false, 'Will do, my box was down.'], ['admin', true, 'Thanks.'],
    ]);
    expect(thread.awaitingStaff).toBe(false);
    expect(await db().notification.count({ where: { userId: alice.id, kind: 'staff.message' } })).toBe(2);
    expect((await list.listOwnThreads({ actor: alice })).map((t) => t.subject)).toEqual(['Your seeding']);
  });

  it("another member can neither read nor answer it, and a member cannot start one", async () => {
    const { send, list } = await s();
    const { threadId } = await send.sendStaffMessage({ actor: mod, userId: alice.id, input: { subject: 'Private', body: 'Only for alice.' }, now: T0 });
    await expect(list.getThread({ actor: bob, threadId })).rejects.toThrow('No such conversation');
    await expect(send.replyToThread({ actor: bob, threadId, body: 'hi', now: T0 })).rejects.toThrow('No such conversation');
    await expect(send.sendStaffMessage({ actor: bob, userId: alice.id, input: { subject: 'Hey', body: 'x' } })).rejects.toThrow('Staff only');
    await expect(list.listAllThreads({ actor: bob })).rejects.toThrow('Staff only');
    expect(await list.listOwnThreads({ actor: bob })).toEqual([]);
  });

  it('a message whose notification cannot be written is not sent', async () => {
    const { send } = await s();
    const threads = await db().messageThread.count();
    await refuseInserts(db(), 'Notification');
    try {
      await expect(send.sendStaffMessage({ actor: mod, userId: bob.id, input: { subject: 'Lost', body: 'Never arrives.' }, now: T0 })).rejects.toThrow(/notification\.createMany\(\)/);
    } finally {
      await acceptInserts(db(), 'Notification');
    }
    expect(await db().messageThread.count()).toBe(threads);
    expect(await db().message.count({ where: { body: 'Never arrives.' } })).toBe(0);
  });

  it.each([
    [{ subject: 'Hi', body: 'x' }, { subject: 'Give a subject (at least 3 characters)' }],
    [{ subject: 'Hello there', body: '   ' }, { body: 'Write a message' }],
  ])('refuses a bad message with the reason next to the field', async (input, errors) => {
    const { staffMessageSchema } = await import('@/lib/validation/staff-messages');
    const { fieldErrors } = await import('@/lib/validation/auth');
    const parsed = staffMessageSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrors(parsed.error)).toEqual(errors);
  });
});
