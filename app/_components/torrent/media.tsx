import type { TorrentImageDto, TorrentMediaDto } from '@/lib/services/torrent-media/get-media';
import { formatBytes } from '@/lib/format';
import { Card } from '@/app/_components/ui/card';

/** The poster beside the torrent's details: full width on a phone, a column of its own from `sm` up. */
export function Poster({ poster, title }: { poster: TorrentImageDto; title: string }) {
  return (
    <a href={poster.url} target="_blank" className="block shrink-0 sm:w-48" data-testid="poster">
      <img src={poster.url} alt={`Poster of ${title}`} className="mx-auto h-auto max-h-96 max-w-full rounded-md border border-zinc-200 dark:border-zinc-800" />
    </a>
  );
}

/** Screenshots in a grid that is one column on a phone; each opens full size. */
export function Screenshots({ screenshots, title }: { screenshots: TorrentImageDto[]; title: string }) {
  return (
    <Card title={`Screenshots (${screenshots.length})`}>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Screenshots">
        {screenshots.map((s, i) => (
          <li key={s.id}>
            <a href={s.url} target="_blank" className="block">
              <img src={s.url} alt={`Screenshot ${i + 1} of ${title}`} loading="lazy" className="h-auto w-full rounded-md border border-zinc-200 dark:border-zinc-800" />
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The NFO as CP437 art: a monospace box that scrolls inside itself, so a wide NFO never widens the page. */
export function NfoViewer({ nfo }: { nfo: NonNullable<TorrentMediaDto['nfo']> }) {
  return (
    <Card title="NFO">
      <pre
        data-testid="nfo"
        tabIndex={0}
        aria-label={`NFO file ${nfo.filename}`}
        className="max-h-[36rem] max-w-full overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs leading-tight whitespace-pre text-zinc-100"
      >
        {nfo.text}
      </pre>
      <p className="mt-2 text-sm">
        <a href={nfo.url} download={nfo.filename}>Download {nfo.filename}</a> ({formatBytes(nfo.size)})
      </p>
    </Card>
  );
}
