import { AppError } from '@/lib/errors';
import { torrentIdParamsSchema } from '@/lib/validation/api-v1';

/** The `{id}` of a torrent path; anything else is a torrent that does not exist. */
export function torrentId(params: { id: string }): number {
  const parsed = torrentIdParamsSchema.safeParse(params);
  if (!parsed.success || !Number.isSafeInteger(parsed.data.id)) throw new AppError('NOT_FOUND', { userMessage: 'No such torrent' });
  return parsed.data.id;
}
