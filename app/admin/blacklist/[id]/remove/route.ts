import { idParam, staffRoute } from '@/app/_lib/staff-route';
import { removeBlacklistEntry } from '@/lib/services/moderation/client-blacklist';

export const POST = staffRoute<{ id: string }>(async ({ actor, params }) => {
  await removeBlacklistEntry({ actor, id: idParam(params.id) });
  return { message: 'Removed from the blacklist.' };
});
