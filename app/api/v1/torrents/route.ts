import { apiError, apiRoute, json } from '@/app/api/v1/_lib/api-route';
import { torrentSummary } from '@/app/api/v1/_lib/dto';
import { queryObject } from '@/lib/http/query-object';
import { env } from '@/lib/env';
import { readUploadForm } from '@/lib/http/upload-form';
import { searchTorrents } from '@/lib/services/search-torrents';
import { effectiveModes } from '@/lib/services/torrent-modes';
import { uploadTorrent } from '@/lib/services/upload-torrent';
import { browseQuerySchema, PER_PAGE } from '@/lib/validation/browse';

/** Search and browse with the filters and sorts of /torrents. */
export const GET = apiRoute('read', async ({ actor, request }) => {
  const result = await searchTorrents({ query: browseQuerySchema.parse(queryObject(request)), viewer: actor });
  const modes = await effectiveModes({ ids: result.rows.map((r) => r.id) });
  return json({
    torrents: result.rows.map((r) => torrentSummary(r, modes.get(r.id))),
    page: result.page,
    pages: result.pages,
    perPage: PER_PAGE,
    total: result.total,
    totalIsCapped: result.totalIsCapped,
  });
});

/** Upload: the site's upload form as multipart, with the same checks and messages. */
export const POST = apiRoute('upload', async ({ actor, request }) => {
  const form = await readUploadForm(request);
  if (!form.ok) {
    const code = form.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    return apiError(code, form.message, { ...(form.field ? { field: form.field } : {}), ...(form.fieldErrors ? { fields: form.fieldErrors } : {}) });
  }
  const result = await uploadTorrent({ actor, bytes: form.bytes, input: form.meta, media: form.media });
  const base = env().publicUrl;
  return json({ id: result.id, url: `${base}/torrents/${result.id}`, downloadUrl: `${base}/api/v1/torrents/${result.id}/download`, infoHashV1: result.infoHashV1, infoHashV2: result.infoHashV2 }, 201);
});
