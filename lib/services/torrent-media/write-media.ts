import 'server-only';
import { createHash } from 'node:crypto';
import type { Tx } from '@/lib/db/serializable';
import type { MediaInput } from '@/lib/http/media-fields';
import type { CheckedImage } from '@/lib/media/attachments';

const imageRow = (torrentId: number, kind: 'poster' | 'screenshot', image: CheckedImage) => ({
  torrentId,
  kind,
  contentType: image.contentType,
  sha256: createHash('sha256').update(image.bytes).digest('hex'),
  size: image.bytes.length,
  bytes: Buffer.from(image.bytes),
});

/**
 * Writes a torrent's new poster (replacing the old one), added screenshots and NFO (replacing the old one) inside
 * the caller's transaction, so they land together with the torrent or its edit, or not at all.
 */
export async function writeMedia(tx: Tx, torrentId: number, media: MediaInput): Promise<void> {
  if (media.poster) {
    await tx.torrentImage.deleteMany({ where: { torrentId, kind: 'poster' } });
    await tx.torrentImage.create({ data: imageRow(torrentId, 'poster', media.poster), select: { id: true } });
  }
  // One at a time: the screenshots' ids keep the order they were chosen in, which `screenshot:N` counts.
  for (const shot of media.screenshots) await tx.torrentImage.create({ data: imageRow(torrentId, 'screenshot', shot), select: { id: true } });
  if (media.nfo) {
    const row = { filename: media.nfo.filename, bytes: Buffer.from(media.nfo.bytes) };
    await tx.torrentNfo.upsert({ where: { torrentId }, create: { torrentId, ...row }, update: row, select: { torrentId: true } });
  }
}
