import 'server-only';
import { hasRole } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { serializable } from '@/lib/db/serializable';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { rewriteForTracker, validateTorrent } from '@/lib/torrent';
import { infoHashes } from '@/lib/torrent/hashes';
import type { MediaInput } from '@/lib/http/media-fields';
import type { TorrentMetaInput } from '@/lib/validation/torrent';
import { getSetting } from './settings';
import { writeMedia } from './torrent-media/write-media';
import { writeTagsAndSearch } from './torrent-tags';

export class DuplicateTorrentError extends AppError {
  constructor(readonly existingId: number) {
    super('CONFLICT', { userMessage: `This torrent is already on the site: /torrents/${existingId}` });
  }
}

async function findDuplicate(v1: string | null, v2: string | null): Promise<number | null> {
  const or = [...(v1 ? [{ infoHashV1: v1 }] : []), ...(v2 ? [{ infoHashV2: v2 }] : [])];
  const found = await db().torrent.findFirst({ where: { OR: or }, select: { id: true } });
  return found?.id ?? null;
}

/**
 * Validates an uploaded .torrent, rewrites it for this tracker (private, our source, no other trackers, no DHT
 * nodes or web seeds) and stores exactly the bytes it will serve. The database's unique infohash columns decide
 * duplicates, so two simultaneous uploads of the same torrent cannot both succeed. Its poster, screenshots and NFO
 * (already checked by the form) are written in the same transaction.
 */
export async function uploadTorrent(options: { actor: SessionUser; bytes: Uint8Array; input: TorrentMetaInput; media?: MediaInput }): Promise<{ id: number; infoHashV1: string | null; infoHashV2: string | null }> {
  const { actor, input } = options;
  const minRole = await getSetting('uploadMinRole');
  if (!hasRole(actor.role, minRole)) throw new AppError('FORBIDDEN', { userMessage: `Uploading needs the ${minRole} role` });

  // The upload page's preview runs the same validateTorrent, so it shows this refusal before the upload.
  const parsed = validateTorrent(options.bytes);
  if (!parsed.ok) throw new AppError('BAD_REQUEST', { userMessage: parsed.error.message, field: 'file' });
  const torrent = parsed.value;
  const rewritten = rewriteForTracker(torrent, { source: env().siteName });
  const hashes = infoHashes(rewritten.infoBytes, torrent.version);

  if (!(await db().category.findUnique({ where: { id: input.categoryId }, select: { id: true } }))) {
    throw new AppError('BAD_REQUEST', { userMessage: 'Choose a category', field: 'categoryId' });
  }
  const existing = await findDuplicate(hashes.v1, hashes.v2);
  if (existing !== null) throw new DuplicateTorrentError(existing);

  try {
    // Serializable: two uploads creating the same new tag at once (its upsert reads, then inserts) would otherwise
    // both insert it on PostgreSQL, and the second upload fail on the tag's unique name.
    const id = await serializable(async (tx) => {
      const created = await tx.torrent.create({
        data: {
          infoHashV1: hashes.v1,
          infoHashV2: hashes.v2,
          infoHashV2Short: hashes.v2 ? hashes.v2.slice(0, 40) : null,
          name: torrent.name,
          title: input.title,
          description: input.description,
          version: torrent.version,
          size: BigInt(torrent.totalSize),
          pieceLength: torrent.pieceLength,
          fileCount: torrent.files.filter((f) => !f.padding).length,
          categoryId: input.categoryId,
          uploaderId: actor.id,
          data: { create: { bytes: Buffer.from(rewritten.bytes) } },
        },
        select: { id: true },
      });
      const files = torrent.files.filter((f) => !f.padding);
      for (let i = 0; i < files.length; i += 500) {
        await tx.torrentFile.createMany({
          data: files.slice(i, i + 500).map((f, j) => ({ torrentId: created.id, position: i + j, path: f.path.join('/'), size: BigInt(f.length) })),
        });
      }
      await writeTagsAndSearch(tx, created.id, input.title, input.tags);
      if (options.media) await writeMedia(tx, created.id, options.media);
      return created.id;
    });
    return { id, infoHashV1: hashes.v1, infoHashV2: hashes.v2 };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await findDuplicate(hashes.v1, hashes.v2);
    throw raced !== null ? new DuplicateTorrentError(raced) : error;
  }
}
