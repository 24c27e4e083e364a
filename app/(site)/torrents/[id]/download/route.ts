import { currentUser } from '@/lib/auth/session';
import { httpStatus, isAppError } from '@/lib/errors';
import { torrentFileResponse } from '@/lib/http/torrent-file-response';
import { downloadTorrent } from '@/lib/services/download-torrent';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentUser();
  if (!actor) return new Response('Please log in to download torrents.', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return new Response('No such torrent', { status: 404 });
  try {
    const { filename, bytes } = await downloadTorrent({ actor, id });
    return torrentFileResponse(filename, bytes);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return new Response(error.userMessage, { status: httpStatus(error.code), headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}
