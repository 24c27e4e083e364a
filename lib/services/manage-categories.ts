import 'server-only';
import { hasRole } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { isForeignKeyViolation, isUniqueViolation } from '@/lib/db/errors';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import { writeAudit } from './audit';

function requireAdmin(actor: SessionUser) {
  if (!hasRole(actor.role, 'admin')) throw new AppError('FORBIDDEN', { userMessage: 'Admins only' });
}

const slugify = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Admins add categories; the slug (used in browse URLs) is derived from the name. */
export async function createCategory(options: { actor: SessionUser; name: string }): Promise<void> {
  requireAdmin(options.actor);
  const slug = slugify(options.name);
  if (!slug) throw new AppError('BAD_REQUEST', { userMessage: 'The name needs at least one letter or digit', field: 'name' });
  try {
    // The last position is read and the next taken in one serializable transaction: two categories added at once
    // would otherwise share a position.
    await serializable(async (tx) => {
      const last = await tx.category.aggregate({ _max: { position: true } });
      await tx.category.create({ data: { name: options.name, slug, position: (last._max.position ?? 0) + 1 } });
      await writeAudit({ actorId: options.actor.id, action: 'category.create', after: { name: options.name, slug } }, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', { userMessage: 'A category with this name exists', field: 'name' });
    throw error;
  }
}

/** A category can be removed only when no torrent uses it, so nothing is left without one. */
export async function deleteCategory(options: { actor: SessionUser; id: number }): Promise<void> {
  requireAdmin(options.actor);
  const category = await db().category.findUnique({ where: { id: options.id }, include: { _count: { select: { torrents: true } } } });
  if (!category) throw new AppError('NOT_FOUND', { userMessage: 'No such category' });
  const stillUsed = (count: number) => new AppError('BAD_REQUEST', { userMessage: `${category.name} still has ${count} torrent(s); move them first` });
  if (category._count.torrents > 0) throw stillUsed(category._count.torrents);
  try {
    await db().$transaction(async (tx) => {
      await tx.category.delete({ where: { id: options.id } });
      await writeAudit({ actorId: options.actor.id, action: 'category.delete', before: { name: category.name, slug: category.slug } }, tx);
    });
  } catch (error) {
    // A torrent filed under it since the count above: the foreign key refuses the delete. (SQLite's adapter
    // reports a trigger's refusal as a foreign-key violation too, so the torrents are counted again.)
    const torrents = isForeignKeyViolation(error) ? await db().torrent.count({ where: { categoryId: options.id } }) : 0;
    if (torrents > 0) throw stillUsed(torrents);
    throw error;
  }
}

export async function listCategoriesWithCounts(): Promise<{ id: number; name: string; slug: string; torrents: number }[]> {
  const rows = await db().category.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }], include: { _count: { select: { torrents: true } } } });
  return rows.map((c) => ({ id: c.id, name: c.name, slug: c.slug, torrents: c._count.torrents }));
}
