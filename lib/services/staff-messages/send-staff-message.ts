import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { StaffMessageInput } from '@/lib/validation/staff-messages';
import { staffMessage } from '../notifications/messages';
import { notify } from '../notifications/notify';
import { requireStaff } from '../moderation/authorize';

/**
 * Staff start a conversation with a member. The member is told in their inbox, in the same transaction, and
 * answers under Messages; every staff member sees the thread.
 */
export async function sendStaffMessage(options: { actor: SessionUser; userId: number; input: StaffMessageInput; now?: Date }): Promise<{ threadId: number }> {
  requireStaff(options.actor);
  const now = options.now ?? new Date();
  const member = await db().user.findUnique({ where: { id: options.userId }, select: { id: true } });
  if (!member) throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
  return db().$transaction(async (tx) => {
    const thread = await tx.messageThread.create({
      data: { memberId: member.id, subject: options.input.subject, createdAt: now, lastMessageAt: now, messages: { create: { authorId: options.actor.id, body: options.input.body, createdAt: now } } },
      select: { id: true },
    });
    await notify(tx, { userIds: [member.id], content: staffMessage(options.input.subject), now });
    return { threadId: thread.id };
  });
}

/**
 * An answer in a thread: by its member, or by any staff member. A member's answer marks the thread as waiting for
 * staff; a staff answer tells the member in their inbox (same transaction).
 */
export async function replyToThread(options: { actor: SessionUser; threadId: number; body: string; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  const thread = await db().messageThread.findUnique({ where: { id: options.threadId }, select: { id: true, memberId: true, subject: true } });
  const staff = isStaff(options.actor.role);
  // Someone else's thread is as unknown to a member as a missing one.
  if (!thread || (!staff && thread.memberId !== options.actor.id)) throw new AppError('NOT_FOUND', { userMessage: 'No such conversation' });
  const byMember = thread.memberId === options.actor.id;
  await db().$transaction(async (tx) => {
    await tx.message.create({ data: { threadId: thread.id, authorId: options.actor.id, body: options.body, createdAt: now } });
    await tx.messageThread.update({ where: { id: thread.id }, data: { lastMessageAt: now, awaitingStaff: byMember } });
    if (!byMember) await notify(tx, { userIds: [thread.memberId], content: staffMessage(thread.subject), now });
  });
}
