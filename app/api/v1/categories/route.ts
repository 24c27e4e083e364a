import { apiRoute, json } from '@/app/api/v1/_lib/api-route';
import { listApiCategories } from '@/lib/services/list-api-categories';

/** The site's categories (ids for uploads) with their Torznab numbers. */
export const GET = apiRoute('read', async () => json({ categories: await listApiCategories() }));
