import 'server-only';
import { hasRole } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { TORZNAB_IDS, torznabCategoryOf } from '@/lib/torznab/categories';
import { writeAudit } from './audit';

/** Admins map a site category to a Torznab standard category (null: derived from its slug again). Audited. */
export async function setTorznabCategory(options: { actor: SessionUser; categoryId: number; torznabId: number | null }): Promise<void> {
  if (!hasRole(options.actor.role, 'admin')) throw new AppError('FORBIDDEN', { userMessage: 'Admins only' });
  if (options.torznabId !== null && !TORZNAB_IDS.has(options.torznabId)) {
    throw new AppError('BAD_REQUEST', { userMessage: 'Choose one of the Torznab categories listed', field: 'torznabId' });
  }
  const category = await db().category.findUnique({ where: { id: options.categoryId }, select: { name: true, torznabId: true } });
  if (!category) throw new AppError('NOT_FOUND', { userMessage: 'No such category' });
  await db().$transaction(async (tx) => {
    await tx.category.update({ where: { id: options.categoryId }, data: { torznabId: options.torznabId } });
    await writeAudit({ actorId: options.actor.id, action: 'category.torznab', before: { name: category.name, torznabId: category.torznabId }, after: { name: category.name, torznabId: options.torznabId } }, tx);
  });
}

/** Each category with the Torznab number an admin set (or null) and the one its slug gives, for the mapping page. */
export async function listTorznabMapping(options: { actor: SessionUser }): Promise<{ id: number; name: string; configured: number | null; derived: number }[]> {
  if (!hasRole(options.actor.role, 'admin')) throw new AppError('FORBIDDEN', { userMessage: 'Admins only' });
  const rows = await db().category.findMany({ select: { id: true, name: true, slug: true, torznabId: true }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
  return rows.map((c) => ({ id: c.id, name: c.name, configured: c.torznabId, derived: torznabCategoryOf({ slug: c.slug, torznabId: null }) }));
}
