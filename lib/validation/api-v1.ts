import { z } from 'zod';
import { API_SCOPES } from './api-token';

/**
 * The JSON API's shapes (/api/v1). Handlers validate their input with these and build their answers to them; the
 * OpenAPI document (lib/api/openapi.ts) is generated from the same schemas. Byte counts are JSON numbers (exact
 * up to 8 PiB).
 */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'TOO_MANY_REQUESTS', 'UNAVAILABLE']),
      message: z.string().meta({ description: 'What went wrong, for a person to read' }),
      field: z.string().optional().meta({ description: 'The upload field the message belongs to' }),
      fields: z.record(z.string(), z.string()).optional().meta({ description: 'One message per invalid upload field' }),
    }),
  })
  .meta({ id: 'Error' });
export type ApiError = z.infer<typeof apiErrorSchema>;

export const torrentIdParamsSchema = z.object({
  id: z.coerce.number().int().positive().meta({ description: 'The torrent id' }),
});

const modes = {
  freeleech: z.boolean().meta({ description: 'Downloads are not counted (the torrent or a site-wide window)' }),
  neutral: z.boolean().meta({ description: 'Nothing is counted' }),
  doubleUpload: z.boolean().meta({ description: 'Uploads count twice (the torrent or a site-wide window)' }),
};

export const torrentSummarySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    category: z.object({ name: z.string(), slug: z.string() }),
    size: z.number().int().meta({ description: 'Bytes' }),
    fileCount: z.number().int(),
    createdAt: z.iso.datetime(),
    seeders: z.number().int(),
    leechers: z.number().int(),
    snatches: z.number().int(),
    uploader: z.string(),
    tags: z.array(z.string()),
    ...modes,
    url: z.string().meta({ description: 'The torrent page' }),
    downloadUrl: z.string().meta({ description: 'GET with a token holding the download scope' }),
  })
  .meta({ id: 'TorrentSummary' });

export const torrentListSchema = z
  .object({
    torrents: z.array(torrentSummarySchema),
    page: z.number().int(),
    pages: z.number().int(),
    perPage: z.number().int(),
    total: z.number().int(),
    totalIsCapped: z.boolean().meta({ description: 'More matched than `total` counts' }),
  })
  .meta({ id: 'TorrentList' });

export const torrentDetailsSchema = torrentSummarySchema
  .omit({ category: true })
  .extend({
    name: z.string().meta({ description: 'The name inside the .torrent' }),
    description: z.string().meta({ description: 'Markdown' }),
    version: z.enum(['v1', 'v2', 'hybrid']),
    pieceLength: z.number().int(),
    infoHashV1: z.string().nullable(),
    infoHashV2: z.string().nullable(),
    category: z.object({ id: z.number().int(), name: z.string(), slug: z.string() }),
    files: z.array(z.object({ path: z.string().meta({ description: 'Path inside the torrent, `/` separated' }), size: z.number().int() })),
    snatchedByYouAt: z.iso.datetime().nullable().meta({ description: 'When you completed this torrent; null if you have not' }),
    snatchers: z
      .array(z.object({ username: z.string(), completedAt: z.iso.datetime() }))
      .optional()
      .meta({ description: 'Staff only: who completed it and when, latest first (at most 200). Members see only `snatches`, the count' }),
  })
  .meta({ id: 'TorrentDetails' });

export const memberStatsSchema = z
  .object({
    username: z.string(),
    uploaded: z.number().int().meta({ description: 'Credited bytes' }),
    downloaded: z.number().int().meta({ description: 'Credited bytes' }),
    ratio: z.number().nullable().meta({ description: 'uploaded / downloaded; null when nothing was downloaded' }),
    ratioText: z.string().meta({ description: 'As the site shows it (two decimals truncated, or ∞)' }),
    requiredRatio: z.number(),
    bytesToUpload: z.number().int().meta({ description: 'Upload still needed to meet the required ratio' }),
    watch: z
      .object({ startedAt: z.iso.datetime(), endsAt: z.iso.datetime(), downloadedSinceStart: z.number().int(), downloadLimit: z.number().int() })
      .nullable()
      .meta({ description: 'The running ratio watch, null when none' }),
    leechingDisabled: z.boolean(),
    leechingMessage: z.string().nullable().meta({ description: 'Why downloads are refused, as the tracker says it' }),
    seeding: z.number().int().meta({ description: 'Torrents seeded now' }),
    leeching: z.number().int().meta({ description: 'Torrents leeched now' }),
    snatched: z.number().int(),
  })
  .meta({ id: 'MemberStats' });

export const uploadFormSchema = z
  .object({
    file: z.string().meta({ format: 'binary', description: 'The .torrent file (10 MiB at most)' }),
    title: z.string().max(200),
    categoryId: z.number().int().meta({ description: 'A category id (see the upload form or /api/v1/categories)' }),
    tags: z.string().optional().meta({ description: 'Comma- or space-separated, at most 10' }),
    description: z.string().optional().meta({ description: 'Markdown, 20,000 characters at most; `![text](poster)` and `![text](screenshot:N)` show the uploaded images' }),
    poster: z.string().optional().meta({ format: 'binary', description: 'A PNG, JPEG, WebP or GIF image, 2 MiB at most; its type (or file name) must match its bytes' }),
    screenshots: z.array(z.string().meta({ format: 'binary' })).optional().meta({ description: 'Repeat the field for each, at most 6; same rules as the poster' }),
    nfo: z.string().optional().meta({ format: 'binary', description: 'A .nfo file (CP437 text), 64 KiB at most' }),
  })
  .meta({ id: 'UploadForm' });

export const uploadResultSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    downloadUrl: z.string().meta({ description: 'Download your copy and seed from it: its infohash differs from the uploaded file' }),
    infoHashV1: z.string().nullable(),
    infoHashV2: z.string().nullable(),
  })
  .meta({ id: 'UploadResult' });

export const categoryListSchema = z
  .object({ categories: z.array(z.object({ id: z.number().int(), name: z.string(), slug: z.string(), torznabId: z.number().int() })) })
  .meta({ id: 'CategoryList' });

export const scopeSchema = z.enum(API_SCOPES);
