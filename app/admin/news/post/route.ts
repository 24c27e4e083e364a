import { formObject, staffRoute } from '@/app/_lib/staff-route';
import { postNews } from '@/lib/services/site-pages/news';
import { newsPostSchema } from '@/lib/validation/site-pages';

export const POST = staffRoute<Record<string, never>>(async ({ actor, form }) => {
  const input = newsPostSchema.parse(formObject(form));
  await postNews({ actor, input });
  return { message: 'Posted: it shows on the home page.' };
});
