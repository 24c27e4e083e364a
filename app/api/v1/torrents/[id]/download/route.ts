import { apiRoute } from '@/app/api/v1/_lib/api-route';
import { torrentId } from '@/app/api/v1/_lib/torrent-id';
import { torrentFileResponse } from '@/lib/http/torrent-file-response';
import { downloadTorrent } from '@/lib/services/download-torrent';

/** The member's personal .torrent, under the site's rules (ratio, bans, deleted torrents). */
export const GET = apiRoute<{ id: string }>('download', async ({ actor, params }) => {
  const { filename, bytes } = await downloadTorrent({ actor, id: torrentId(params) });
  return torrentFileResponse(filename, bytes);
});
