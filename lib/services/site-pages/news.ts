import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { NewsPostInput } from '@/lib/validation/site-pages';
import { writeAudit } from '../audit';
import { requireStaff } from '../moderation/authorize';

export interface NewsDto {
  id: number;
  title: string;
  body: string;
  author: string;
  createdAt: Date;
}

/** The latest news, newest first, for the home page. */
export async function listNews(options: { take?: number } = {}): Promise<NewsDto[]> {
  const rows = await db().newsPost.findMany({ orderBy: { id: 'desc' }, take: options.take ?? 5, include: { author: { select: { username: true } } } });
  return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, author: r.author.username, createdAt: r.createdAt }));
}

/** Staff post news (Markdown). */
export async function postNews(options: { actor: SessionUser; input: NewsPostInput; now?: Date }): Promise<{ id: number }> {
  requireStaff(options.actor);
  return db().$transaction(async (tx) => {
    const post = await tx.newsPost.create({ data: { ...options.input, authorId: options.actor.id, createdAt: options.now ?? new Date() }, select: { id: true } });
    await writeAudit({ actorId: options.actor.id, action: 'news.post', after: { id: post.id, title: options.input.title } }, tx);
    return post;
  });
}

export async function deleteNews(options: { actor: SessionUser; id: number }): Promise<void> {
  requireStaff(options.actor);
  await db().$transaction(async (tx) => {
    const post = await tx.newsPost.findUnique({ where: { id: options.id }, select: { title: true } });
    const removed = await tx.newsPost.deleteMany({ where: { id: options.id } });
    if (!post || removed.count !== 1) throw new AppError('NOT_FOUND', { userMessage: 'No such news post' });
    await writeAudit({ actorId: options.actor.id, action: 'news.delete', before: { id: options.id, title: post.title } }, tx);
  });
}
