import { isSameOrigin } from '@/app/_lib/same-origin';
import { currentUser } from '@/lib/auth/session';
import { httpStatus, isAppError } from '@/lib/errors';
import { readUploadForm } from '@/lib/http/upload-form';
import { DuplicateTorrentError, uploadTorrent } from '@/lib/services/upload-torrent';

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

/** Upload: multipart form with `file` (the .torrent), `title`, `categoryId`, `tags`, `description`. */
export async function POST(request: Request) {
  const actor = await currentUser();
  if (!actor) return json(401, { error: 'Please log in' });
  if (!isSameOrigin(request)) return json(403, { error: 'Cross-site upload refused' });
  const form = await readUploadForm(request);
  if (!form.ok) {
    return json(form.status, { error: form.message, ...(form.field ? { field: form.field } : {}), ...(form.fieldErrors ? { fieldErrors: form.fieldErrors } : {}) });
  }
  try {
    const result = await uploadTorrent({ actor, bytes: form.bytes, input: form.meta, media: form.media });
    return json(201, { id: result.id, url: `/torrents/${result.id}`, infoHashV1: result.infoHashV1, infoHashV2: result.infoHashV2 });
  } catch (error) {
    if (error instanceof DuplicateTorrentError) return json(409, { error: 'This torrent is already on the site', existing: `/torrents/${error.existingId}`, field: 'file' });
    if (isAppError(error)) return json(httpStatus(error.code), { error: error.userMessage, ...(error.field ? { field: error.field } : {}) });
    throw error;
  }
}
