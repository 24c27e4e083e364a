import 'server-only';
import { cache } from 'react';
import { getTorrent } from '@/lib/services/get-torrent';
import { idOrNotFound, orNotFound } from './or-not-found';
import { pageUser } from './page-auth';

/** The torrent a page shows, read once per request: its title (generateMetadata) and its page need the same row. */
export const torrentForPage = cache(async (id: string) => orNotFound(getTorrent({ actor: await pageUser(), id: idOrNotFound(id) })));
