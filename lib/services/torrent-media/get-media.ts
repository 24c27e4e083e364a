import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { decodeCp437 } from '@/lib/media/cp437';

export interface TorrentImageDto {
  id: number;
  kind: 'poster' | 'screenshot';
  url: string;
  size: number;
}

/** Where the site serves an image: keyed by its content hash, so a cached copy can be kept for good. */
export const imageUrl = (torrentId: number, sha256: string) => `/torrents/${torrentId}/images/${sha256}`;

/** A torrent's images without their bytes, poster first, then screenshots in the order they were added. */
export async function listTorrentImages(torrentId: number): Promise<TorrentImageDto[]> {
  const rows = await db().torrentImage.findMany({
    where: { torrentId },
    orderBy: [{ kind: 'asc' }, { id: 'asc' }],
    select: { id: true, kind: true, sha256: true, size: true },
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind === 'poster' ? 'poster' : 'screenshot', url: imageUrl(torrentId, r.sha256), size: r.size }));
}

async function visibleTorrent(actor: SessionUser, torrentId: number): Promise<void> {
  const t = await db().torrent.findUnique({ where: { id: torrentId }, select: { deletedAt: true } });
  if (!t || (t.deletedAt && !isStaff(actor.role))) throw new AppError('NOT_FOUND', { userMessage: 'No such torrent' });
}

/** One image's bytes, for a member who may see its torrent. */
export async function getTorrentImage(options: { actor: SessionUser; torrentId: number; sha256: string }): Promise<{ contentType: string; bytes: Uint8Array }> {
  await visibleTorrent(options.actor, options.torrentId);
  const image = await db().torrentImage.findFirst({
    where: { torrentId: options.torrentId, sha256: options.sha256 },
    select: { contentType: true, bytes: true },
  });
  if (!image) throw new AppError('NOT_FOUND', { userMessage: 'No such image' });
  return { contentType: image.contentType, bytes: new Uint8Array(image.bytes) };
}

/** The torrent's NFO as uploaded, or null when it has none. */
export async function getTorrentNfo(options: { actor: SessionUser; torrentId: number }): Promise<{ filename: string; bytes: Uint8Array } | null> {
  await visibleTorrent(options.actor, options.torrentId);
  const nfo = await db().torrentNfo.findUnique({ where: { torrentId: options.torrentId }, select: { filename: true, bytes: true } });
  return nfo ? { filename: nfo.filename, bytes: new Uint8Array(nfo.bytes) } : null;
}

export interface TorrentMediaDto {
  poster: TorrentImageDto | null;
  screenshots: TorrentImageDto[];
  nfo: { filename: string; text: string; size: number; url: string } | null;
}

/** What the torrent page shows besides the torrent: its poster, its screenshots and its NFO as text. */
export async function getTorrentMedia(options: { actor: SessionUser; torrentId: number }): Promise<TorrentMediaDto> {
  const [images, nfo] = await Promise.all([listTorrentImages(options.torrentId), getTorrentNfo(options)]);
  return {
    poster: images.find((i) => i.kind === 'poster') ?? null,
    screenshots: images.filter((i) => i.kind === 'screenshot'),
    nfo: nfo ? { filename: nfo.filename, text: decodeCp437(nfo.bytes), size: nfo.bytes.length, url: `/torrents/${options.torrentId}/nfo` } : null,
  };
}
