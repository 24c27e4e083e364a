import { AppError } from '@/lib/errors';
import { plainError } from '@/lib/http/plain-error';
import { torrentFileResponse } from '@/lib/http/torrent-file-response';
import { downloadTorrent } from '@/lib/services/download-torrent';
import { memberByRssKey } from '@/lib/services/rss/rss-member';

/** A feed item's enclosure: the key's member's personal .torrent, under the site's rules, without a session. */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string; id: string }> }) {
  const { key, id } = await params;
  try {
    const actor = await memberByRssKey({ key });
    const torrentId = Number(id);
    if (!/^\d{1,15}$/.test(id) || torrentId <= 0) throw new AppError('NOT_FOUND', { userMessage: 'No such torrent' });
    const { filename, bytes } = await downloadTorrent({ actor, id: torrentId });
    return torrentFileResponse(filename, bytes);
  } catch (thrown) {
    return plainError(thrown);
  }
}
