import { apiRoute, json } from '@/app/api/v1/_lib/api-route';
import { torrentDetails } from '@/app/api/v1/_lib/dto';
import { torrentId } from '@/app/api/v1/_lib/torrent-id';
import { getTorrent } from '@/lib/services/get-torrent';
import { effectiveModes } from '@/lib/services/torrent-modes';

/** A torrent's details: files, counts and the accounting mode in effect now. */
export const GET = apiRoute<{ id: string }>('read', async ({ actor, params }) => {
  const t = await getTorrent({ actor, id: torrentId(params) });
  const modes = await effectiveModes({ ids: [t.id] });
  return json(torrentDetails(t, modes.get(t.id)));
});
