import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { requireStaff } from '../moderation/authorize';

export interface ThreadSummary {
  id: number;
  subject: string;
  member: string;
  lastMessageAt: Date;
  awaitingStaff: boolean;
}

const SUMMARY = { id: true, subject: true, lastMessageAt: true, awaitingStaff: true, member: { select: { username: true } } } as const;
type Row = { id: number; subject: string; lastMessageAt: Date; awaitingStaff: boolean; member: { username: string } };
const summary = (t: Row): ThreadSummary => ({ id: t.id, subject: t.subject, member: t.member.username, lastMessageAt: t.lastMessageAt, awaitingStaff: t.awaitingStaff });

/** The actor's own conversations with staff, latest first. */
export async function listOwnThreads(options: { actor: SessionUser }): Promise<ThreadSummary[]> {
  const rows = await db().messageThread.findMany({ where: { memberId: options.actor.id }, orderBy: { lastMessageAt: 'desc' }, take: 100, select: SUMMARY });
  return rows.map(summary);
}

/** Every conversation, for staff: those waiting for an answer first, then the latest. */
export async function listAllThreads(options: { actor: SessionUser }): Promise<ThreadSummary[]> {
  requireStaff(options.actor);
  const rows = await db().messageThread.findMany({ orderBy: [{ awaitingStaff: 'desc' }, { lastMessageAt: 'desc' }], take: 200, select: SUMMARY });
  return rows.map(summary);
}

/** One conversation with its messages, for its member or any staff member. */
export async function getThread(options: { actor: SessionUser; threadId: number }) {
  const thread = await db().messageThread.findUnique({
    where: { id: options.threadId },
    select: {
      ...SUMMARY, memberId: true,
      messages: { orderBy: { id: 'asc' }, select: { id: true, body: true, createdAt: true, author: { select: { username: true, role: true } } } },
    },
  });
  if (!thread || (!isStaff(options.actor.role) && thread.memberId !== options.actor.id)) throw new AppError('NOT_FOUND', { userMessage: 'No such conversation' });
  return {
    ...summary(thread),
    messages: thread.messages.map((m) => ({ id: m.id, body: m.body, createdAt: m.createdAt, author: m.author.username, fromStaff: isStaff(m.author.role) })),
  };
}
