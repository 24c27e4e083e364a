import 'server-only';
import { db } from '@/lib/db/client';

export interface CategoryDto {
  id: number;
  name: string;
  slug: string;
}

export async function listCategories(): Promise<CategoryDto[]> {
  return db().category.findMany({ select: { id: true, name: true, slug: true }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
}
