import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { setTorrentMode } from '@/lib/services/moderation/torrent-mode';
import { torrentModeSchema } from '@/lib/validation/moderation';

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  const mode = torrentModeSchema.parse(formObject(form));
  await setTorrentMode({ actor, torrentId: idParam(params.id), mode });
  return { message: 'Torrent flags saved.' };
});
