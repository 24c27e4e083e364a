import { z } from 'zod';

import { DESCRIPTION_MAX, TITLE_MAX } from './torrent-limits';

export { DESCRIPTION_MAX, MAX_TORRENT_BYTES, TITLE_MAX, TORRENT_TOO_LARGE } from './torrent-limits';

export const tagListSchema = z
  .string()
  .max(500, 'Tags are too long')
  .transform((s) => [...new Set(s.split(/[,\s]+/).map((t) => t.trim().toLowerCase()).filter(Boolean))])
  .pipe(
    z
      .array(z.string().max(32, 'A tag may have at most 32 characters').regex(/^[a-z0-9][a-z0-9._-]*$/, 'Tags may contain only letters, digits, . _ and -'))
      .max(10, 'At most 10 tags'),
  );

export const torrentMetaSchema = z.object({
  title: z.string().trim().min(1, 'Enter a title').max(TITLE_MAX, `Title must be at most ${TITLE_MAX} characters`),
  categoryId: z.coerce.number({ message: 'Choose a category' }).int().positive('Choose a category'),
  tags: tagListSchema,
  description: z.string().max(DESCRIPTION_MAX, `Description must be at most ${DESCRIPTION_MAX.toLocaleString('en')} characters`),
});
export type TorrentMetaInput = z.infer<typeof torrentMetaSchema>;

export const deleteTorrentSchema = z.object({
  reason: z.string().trim().min(3, 'Give a reason (members\' clients will show it)').max(200, 'Reason must be at most 200 characters'),
});
