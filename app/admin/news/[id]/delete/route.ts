import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { AppError } from '@/lib/errors';
import { deleteNews } from '@/lib/services/site-pages/news';

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  if (formObject(form).confirm !== 'on') throw new AppError('BAD_REQUEST', { userMessage: 'Tick the box to confirm', field: 'confirm' });
  await deleteNews({ actor, id: idParam(params.id) });
  return { message: 'Deleted.' };
});
