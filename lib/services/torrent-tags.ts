import 'server-only';
import { type Tx, searchIndex } from '@/lib/db/search';

/** Replaces a torrent's tags and its full-text search entry (title, file names, tags) in one transaction. */
export async function writeTagsAndSearch(tx: Tx, torrentId: number, title: string, tags: string[]): Promise<void> {
  await tx.torrentTag.deleteMany({ where: { torrentId } });
  for (const name of tags) {
    const tag = await tx.tag.upsert({ where: { name }, create: { name }, update: {}, select: { id: true } });
    await tx.torrentTag.create({ data: { torrentId, tagId: tag.id } });
  }
  const files = await tx.torrentFile.findMany({ where: { torrentId }, select: { path: true }, orderBy: { position: 'asc' } });
  await searchIndex().write(tx, { torrentId, title, files: files.map((f) => f.path), tags });
}
