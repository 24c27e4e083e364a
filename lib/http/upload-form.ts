import { MAX_MEDIA_BYTES, type MediaInput, readMediaFields } from '@/lib/http/media-fields';
import { readCappedForm } from '@/lib/http/capped-form';
import { fieldErrors } from '@/lib/validation/auth';
import { MAX_TORRENT_BYTES, TORRENT_TOO_LARGE, type TorrentMetaInput, torrentMetaSchema } from '@/lib/validation/torrent';

/** Room for the form's other fields next to the file. */
const FORM_OVERHEAD = 64 * 1024;
/** The whole form: the .torrent, a poster, the screenshots and an NFO, each at its cap. */
export const MAX_FORM_BYTES = MAX_TORRENT_BYTES + MAX_MEDIA_BYTES + FORM_OVERHEAD;
export const UPLOAD_TOO_LARGE = `The upload is larger than ${Math.ceil(MAX_FORM_BYTES / 1024 / 1024)} MiB in all`;

export type UploadForm =
  | { ok: true; bytes: Uint8Array; meta: TorrentMetaInput; media: MediaInput }
  | { ok: false; status: 400 | 413; message: string; field?: string; fieldErrors?: Record<string, string> };

/**
 * Reads an upload's multipart form (`file`, `title`, `categoryId`, `tags`, `description`, and optionally `poster`,
 * `screenshots` and `nfo`) without buffering more than the size cap, and validates its fields with the upload
 * form's schema and the media checks: the site's upload and the JSON API's answer the same messages.
 */
export async function readUploadForm(request: Request): Promise<UploadForm> {
  const read = await readCappedForm(request, MAX_FORM_BYTES, UPLOAD_TOO_LARGE, 'Send the upload as a multipart form');
  if (!read.ok) return read;
  const { form } = read;
  const file = form.get('file');
  if (!(file instanceof Blob)) return { ok: false, status: 400, message: 'Choose a .torrent file', field: 'file' };
  if (file.size > MAX_TORRENT_BYTES) return { ok: false, status: 413, message: TORRENT_TOO_LARGE, field: 'file' };
  const meta = torrentMetaSchema.safeParse({
    title: form.get('title') ?? '',
    categoryId: form.get('categoryId') ?? '',
    tags: form.get('tags') ?? '',
    description: form.get('description') ?? '',
  });
  const media = await readMediaFields(form);
  if (!meta.success || !media.ok) {
    return { ok: false, status: 400, message: 'Check the highlighted fields', fieldErrors: { ...(meta.success ? {} : fieldErrors(meta.error)), ...(media.ok ? {} : media.fieldErrors) } };
  }
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()), meta: meta.data, media: media.media };
}
