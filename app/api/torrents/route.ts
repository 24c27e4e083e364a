import { isSameOrigin } from '@/app/_lib/same-origin';
import { currentUser } from '@/lib/auth/session';
import { httpStatus, isAppError } from '@/lib/errors';
import { readCapped } from '@/lib/http/read-capped';
import { DuplicateTorrentError, uploadTorrent } from '@/lib/services/upload-torrent';
import { fieldErrors } from '@/lib/validation/auth';
import { MAX_TORRENT_BYTES, torrentMetaSchema } from '@/lib/validation/torrent';

/** Room for the form's other fields next to the file. */
const FORM_OVERHEAD = 64 * 1024;
const TOO_LARGE = `The file is larger than ${MAX_TORRENT_BYTES / 1024 / 1024} MiB`;

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

/** Upload: multipart form with `file` (the .torrent), `title`, `categoryId`, `tags`, `description`. */
export async function POST(request: Request) {
  const actor = await currentUser();
  if (!actor) return json(401, { error: 'Please log in' });
  if (!isSameOrigin(request)) return json(403, { error: 'Cross-site upload refused' });
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_TORRENT_BYTES + FORM_OVERHEAD) return json(413, { error: TOO_LARGE, field: 'file' });
  const body = await readCapped(request.body, MAX_TORRENT_BYTES + FORM_OVERHEAD);
  if (!body.ok) return json(413, { error: TOO_LARGE, field: 'file' });

  let form: FormData;
  try {
    form = await new Response(Buffer.from(body.bytes), { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    return json(400, { error: 'Send the upload as a multipart form' });
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) return json(400, { error: 'Choose a .torrent file', field: 'file' });
  if (file.size > MAX_TORRENT_BYTES) return json(413, { error: TOO_LARGE, field: 'file' });
  const meta = torrentMetaSchema.safeParse({
    title: form.get('title') ?? '',
    categoryId: form.get('categoryId') ?? '',
    tags: form.get('tags') ?? '',
    description: form.get('description') ?? '',
  });
  if (!meta.success) return json(400, { error: 'Check the highlighted fields', fieldErrors: fieldErrors(meta.error) });

  try {
    const result = await uploadTorrent({ actor, bytes: new Uint8Array(await file.arrayBuffer()), input: meta.data });
    return json(201, { id: result.id, url: `/torrents/${result.id}`, infoHashV1: result.infoHashV1, infoHashV2: result.infoHashV2 });
  } catch (error) {
    if (error instanceof DuplicateTorrentError) return json(409, { error: 'This torrent is already on the site', existing: `/torrents/${error.existingId}`, field: 'file' });
    if (isAppError(error)) return json(httpStatus(error.code), { error: error.userMessage, ...(error.field ? { field: error.field } : {}) });
    throw error;
  }
}
