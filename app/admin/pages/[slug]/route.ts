import { z } from 'zod';
import { formObject, staffRoute } from '@/app/_lib/staff-route';
import { saveSitePage } from '@/lib/services/site-pages/site-pages';
import { SITE_PAGES, sitePageBodySchema, sitePageSlugSchema } from '@/lib/validation/site-pages';

export const POST = staffRoute<{ slug: string }>(async ({ actor, form, params }) => {
  const slug = sitePageSlugSchema.parse(params.slug);
  const { body } = z.object({ body: sitePageBodySchema }).parse(formObject(form));
  await saveSitePage({ actor, slug, body });
  return { message: `${SITE_PAGES[slug].title} saved.` };
});
