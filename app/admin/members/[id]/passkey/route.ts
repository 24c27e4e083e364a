import { idParam, staffRoute } from '@/app/_lib/staff-route';
import { requireOutranked } from '@/lib/services/moderation/authorize';
import { resetPasskey } from '@/lib/services/reset-passkey';

export const POST = staffRoute<{ id: string }>(async ({ actor, params }) => {
  const target = await requireOutranked(actor, idParam(params.id));
  await resetPasskey({ actor, userId: target.id });
  return { message: 'Passkey reset: the old one no longer works.' };
});
