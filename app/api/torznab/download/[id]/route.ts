import { torznabErrorResponse } from '@/app/api/torznab/_lib/respond';
import { requestIp, requestToken } from '@/app/api/v1/_lib/api-route';
import { torrentId } from '@/app/api/v1/_lib/torrent-id';
import { torrentFileResponse } from '@/lib/http/torrent-file-response';
import { authenticateApiToken } from '@/lib/services/api-tokens/authenticate-api-token';
import { downloadTorrent } from '@/lib/services/download-torrent';

/** A Torznab item's link: the token owner's personal .torrent (the `download` scope), under the site's rules. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await authenticateApiToken({ token: requestToken(request), scope: 'download', ip: requestIp(request) });
    const { filename, bytes } = await downloadTorrent({ actor, id: torrentId(await params) });
    return torrentFileResponse(filename, bytes);
  } catch (thrown) {
    return torznabErrorResponse(thrown);
  }
}
