import 'server-only';
import { env } from '@/lib/env';
import type { TorrentDetailsDto } from '@/lib/services/get-torrent';
import type { TorrentRow } from '@/lib/services/search-torrents';
import type { EffectiveMode } from '@/lib/services/torrent-modes';
import type { z } from 'zod';
import type { torrentDetailsSchema, torrentSummarySchema } from '@/lib/validation/api-v1';

const links = (id: number) => ({ url: `${env().publicUrl}/torrents/${id}`, downloadUrl: `${env().publicUrl}/api/v1/torrents/${id}/download` });
const NO_MODE: EffectiveMode = { freeleech: false, neutral: false, doubleUpload: false };
const modeOf = (m: EffectiveMode): EffectiveMode => ({ freeleech: m.freeleech, neutral: m.neutral, doubleUpload: m.doubleUpload });

export function torrentSummary(row: TorrentRow, mode: EffectiveMode | undefined): z.infer<typeof torrentSummarySchema> {
  return {
    id: row.id,
    title: row.title,
    category: { name: row.category, slug: row.categorySlug },
    size: Number(row.size),
    fileCount: row.fileCount,
    createdAt: row.createdAt.toISOString(),
    seeders: row.seeders,
    leechers: row.leechers,
    snatches: row.snatches,
    uploader: row.uploader,
    tags: row.tags,
    ...modeOf(mode ?? NO_MODE),
    ...links(row.id),
  };
}

export function torrentDetails(t: TorrentDetailsDto, mode: EffectiveMode | undefined): z.infer<typeof torrentDetailsSchema> {
  return {
    id: t.id,
    title: t.title,
    name: t.name,
    description: t.description,
    version: t.version as 'v1' | 'v2' | 'hybrid',
    size: Number(t.size),
    pieceLength: t.pieceLength,
    fileCount: t.files.length,
    infoHashV1: t.infoHashV1,
    infoHashV2: t.infoHashV2,
    category: t.category,
    createdAt: t.createdAt.toISOString(),
    seeders: t.seeders,
    leechers: t.leechers,
    snatches: t.snatches,
    uploader: t.uploader,
    tags: t.tags,
    files: t.files.map((f) => ({ path: f.path.join('/'), size: Number(f.size) })),
    snatchedByYouAt: t.snatchedByViewerAt?.toISOString() ?? null,
    // The site's rule (TorrentDetailsDto.snatchList): names for staff, the count for everyone.
    ...(t.snatchList === null ? {} : { snatchers: t.snatchList.map((s) => ({ username: s.username, completedAt: s.completedAt.toISOString() })) }),
    ...modeOf(mode ?? t),
    ...links(t.id),
  };
}
