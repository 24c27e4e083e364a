import 'server-only';
import type { Db } from '@/lib/db/client';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Replaces a torrent's tags and its full-text search row (title, file names, tags) in one transaction. */
export async function writeTagsAndSearch(tx: Tx, torrentId: number, title: string, tags: string[]): Promise<void> {
  await tx.torrentTag.deleteMany({ where: { torrentId } });
  for (const name of tags) {
    const tag = await tx.tag.upsert({ where: { name }, create: { name }, update: {}, select: { id: true } });
    await tx.torrentTag.create({ data: { torrentId, tagId: tag.id } });
  }
  const files = await tx.torrentFile.findMany({ where: { torrentId }, select: { path: true }, orderBy: { position: 'asc' } });
  await tx.$executeRawUnsafe('DELETE FROM torrent_search WHERE rowid = ?', torrentId);
  await tx.$executeRawUnsafe(
    'INSERT INTO torrent_search (rowid, title, files, tags) VALUES (?, ?, ?, ?)',
    torrentId,
    title,
    files.map((f) => f.path.replace(/[/._-]+/g, ' ')).join('\n'),
    tags.join(' '),
  );
}
