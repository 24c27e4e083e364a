import { readCapped } from '@/lib/http/read-capped';
import { fieldErrors } from '@/lib/validation/auth';
import { MAX_TORRENT_BYTES, TORRENT_TOO_LARGE, type TorrentMetaInput, torrentMetaSchema } from '@/lib/validation/torrent';

/** Room for the form's other fields next to the file. */
const FORM_OVERHEAD = 64 * 1024;
const TOO_LARGE = TORRENT_TOO_LARGE;

export type UploadForm =
  | { ok: true; bytes: Uint8Array; meta: TorrentMetaInput }
  | { ok: false; status: 400 | 413; message: string; field?: string; fieldErrors?: Record<string, string> };

/**
 * Reads an upload's multipart form (`file`, `title`, `categoryId`, `tags`, `description`) without buffering more
 * than the size cap, and validates its fields with the upload form's schema: the site's upload and the JSON API's
 * answer the same messages.
 */
export async function readUploadForm(request: Request): Promise<UploadForm> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_TORRENT_BYTES + FORM_OVERHEAD) return { ok: false, status: 413, message: TOO_LARGE, field: 'file' };
  const body = await readCapped(request.body, MAX_TORRENT_BYTES + FORM_OVERHEAD);
  if (!body.ok) return { ok: false, status: 413, message: TOO_LARGE, field: 'file' };

  let form: FormData;
  try {
    form = await new Response(Buffer.from(body.bytes), { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    return { ok: false, status: 400, message: 'Send the upload as a multipart form' };
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) return { ok: false, status: 400, message: 'Choose a .torrent file', field: 'file' };
  if (file.size > MAX_TORRENT_BYTES) return { ok: false, status: 413, message: TOO_LARGE, field: 'file' };
  const meta = torrentMetaSchema.safeParse({
    title: form.get('title') ?? '',
    categoryId: form.get('categoryId') ?? '',
    tags: form.get('tags') ?? '',
    description: form.get('description') ?? '',
  });
  if (!meta.success) return { ok: false, status: 400, message: 'Check the highlighted fields', fieldErrors: fieldErrors(meta.error) };
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()), meta: meta.data };
}
