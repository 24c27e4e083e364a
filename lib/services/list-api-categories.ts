import 'server-only';
import { db } from '@/lib/db/client';
import { torznabCategoryOf } from '@/lib/torznab/categories';

export interface ApiCategoryDto {
  id: number;
  name: string;
  slug: string;
  /** The Torznab standard category it maps to (configured or derived from the slug). */
  torznabId: number;
}

/** The site's categories with their Torznab numbers, for the API, Torznab's caps and the admin's mapping page. */
export async function listApiCategories(): Promise<ApiCategoryDto[]> {
  const rows = await db().category.findMany({ select: { id: true, name: true, slug: true, torznabId: true }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
  return rows.map((c) => ({ id: c.id, name: c.name, slug: c.slug, torznabId: torznabCategoryOf(c) }));
}
