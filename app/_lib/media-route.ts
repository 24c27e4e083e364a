import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { asAppError, httpStatus, isAppError, RETRY_AFTER_SECONDS } from '@/lib/errors';
import { readCappedForm } from '@/lib/http/capped-form';
import { MAX_MEDIA_BYTES, readMediaFields } from '@/lib/http/media-fields';
import { imageResponse, nfoResponse, textResponse } from '@/lib/http/media-response';
import { editTorrentMedia } from '@/lib/services/torrent-media/edit-torrent-media';
import { getTorrentImage, getTorrentNfo } from '@/lib/services/torrent-media/get-media';
import { isSameOrigin } from './same-origin';

const torrentId = (raw: string) => (/^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null);

async function answer(actor: SessionUser | null, work: (actor: SessionUser) => Promise<Response>): Promise<Response> {
  if (!actor) return textResponse(401, 'Please log in to see this.');
  try {
    return await work(actor);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return textResponse(httpStatus(error.code), error.userMessage);
  }
}

/** GET /torrents/<id>/images/<sha256>: members only, as the site is private. */
export function serveImage(actor: SessionUser | null, params: { id: string; hash: string }): Promise<Response> {
  return answer(actor, async (member) => {
    const id = torrentId(params.id);
    if (id === null || !/^[0-9a-f]{64}$/.test(params.hash)) return textResponse(404, 'No such image');
    const image = await getTorrentImage({ actor: member, torrentId: id, sha256: params.hash });
    return imageResponse({ ...image, sha256: params.hash });
  });
}

/** GET /torrents/<id>/nfo: the NFO's original bytes. */
export function serveNfo(actor: SessionUser | null, params: { id: string }): Promise<Response> {
  return answer(actor, async (member) => {
    const id = torrentId(params.id);
    if (id === null) return textResponse(404, 'No such torrent');
    const nfo = await getTorrentNfo({ actor: member, torrentId: id });
    return nfo ? nfoResponse(nfo) : textResponse(404, 'This torrent has no NFO');
  });
}

const EDIT_TOO_LARGE = `The images and NFO are larger than ${Math.ceil((MAX_MEDIA_BYTES + 64 * 1024) / 1024 / 1024)} MiB in all`;

/**
 * POST /torrents/<id>/media from the edit page: same origin, a member, a capped multipart form whose files pass the
 * upload's checks, then one transaction. Errors answer JSON with a message per field, shown next to it.
 */
export async function editMediaResponse(request: Request, actor: SessionUser | null, params: { id: string }): Promise<Response> {
  if (!isSameOrigin(request)) return Response.json({ error: 'Cross-site request refused' }, { status: 403 });
  if (!actor) return Response.json({ error: 'Please log in' }, { status: 401 });
  const id = torrentId(params.id);
  if (id === null) return Response.json({ error: 'No such torrent' }, { status: 404 });
  const read = await readCappedForm(request, MAX_MEDIA_BYTES + 64 * 1024, EDIT_TOO_LARGE);
  if (!read.ok) return Response.json({ error: read.message }, { status: read.status });
  const media = await readMediaFields(read.form);
  if (!media.ok) return Response.json({ error: 'Check the highlighted fields', fieldErrors: media.fieldErrors }, { status: 400 });
  const removeScreenshots = read.form.getAll('removeScreenshots').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  try {
    await editTorrentMedia({
      actor,
      id,
      changes: { add: media.media, removePoster: read.form.get('removePoster') === 'on', removeScreenshots, removeNfo: read.form.get('removeNfo') === 'on' },
    });
  } catch (thrown) {
    const error = asAppError(thrown);
    if (!error) throw thrown;
    const headers: Record<string, string> = error.code === 'UNAVAILABLE' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
    return Response.json({ error: error.userMessage, ...(error.field ? { fieldErrors: { [error.field]: error.userMessage } } : {}) }, { status: httpStatus(error.code), headers });
  }
  return Response.json({ message: 'Images and NFO saved.' });
}
