import Link from 'next/link';
import { formatAge, formatBytes, formatDateTime } from '@/lib/format';

export interface TorrentLine {
  id: number;
  title: string;
  size: bigint;
  seeders: number;
  leechers: number;
  createdAt: Date;
  /** One line under the title saying why it is listed. */
  reason?: string;
}

/**
 * Torrents as short lines (title, size, seeders and leechers, age, and optionally a download link and a reason),
 * for the home page and profiles: a list, not a table, so it wraps on a phone instead of scrolling sideways.
 */
export function TorrentLines({ torrents, label, download = false, now = new Date() }: {
  torrents: readonly TorrentLine[];
  label: string;
  download?: boolean;
  now?: Date;
}) {
  const idPrefix = label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <ul aria-label={label} className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
      {torrents.map((t) => (
        <li key={t.id} className="py-2 [overflow-wrap:anywhere]" data-torrent-id={t.id}>
          {download ? (
            <a href={`/torrents/${t.id}/download`} className="float-right ml-2 rounded border border-zinc-300 px-1.5 text-xs whitespace-nowrap hover:no-underline dark:border-zinc-700"
              aria-describedby={`${idPrefix}-${t.id}`}>Download .torrent</a>
          ) : null}
          <Link id={`${idPrefix}-${t.id}`} href={`/torrents/${t.id}`} className="font-medium">{t.title}</Link>
          <div className="text-xs text-zinc-500 dark:text-zinc-400">
            {formatBytes(t.size)} · <span className="text-emerald-700 dark:text-emerald-400">{t.seeders} seeder{t.seeders === 1 ? '' : 's'}</span>
            {' · '}<span className="text-red-700 dark:text-red-400">{t.leechers} leecher{t.leechers === 1 ? '' : 's'}</span>
            {' · '}<time dateTime={t.createdAt.toISOString()} title={formatDateTime(t.createdAt)}>{formatAge(t.createdAt, now)}</time>
          </div>
          {t.reason ? <p className="text-xs text-zinc-700 dark:text-zinc-300">{t.reason}</p> : null}
        </li>
      ))}
    </ul>
  );
}
