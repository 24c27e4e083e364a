import { currentUser } from '@/lib/auth/session';
import { httpStatus, isAppError } from '@/lib/errors';
import { torrentFileResponse } from '@/lib/http/torrent-file-response';
import { downloadTorrent } from '@/lib/services/download-torrent';

/** A browser following a link (it asks for HTML) rather than a client or a script fetching the file. */
const isNavigation = (request: Request) => request.headers.get('sec-fetch-mode') === 'navigate' || (request.headers.get('accept') ?? '').includes('text/html');

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentUser();
  if (!actor) return new Response('Please log in to download torrents.', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return new Response('No such torrent', { status: 404 });
  try {
    const { filename, bytes } = await downloadTorrent({ actor, id });
    return torrentFileResponse(filename, bytes);
  } catch (error) {
    if (!isAppError(error)) throw error;
    // A browser would save the refusal as a file nobody reads: send the member to the torrent's page, which says why.
    if (error.code === 'FORBIDDEN' && isNavigation(request)) return new Response(null, { status: 303, headers: { location: `/torrents/${id}?download=refused` } });
    return new Response(error.userMessage, { status: httpStatus(error.code), headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}
