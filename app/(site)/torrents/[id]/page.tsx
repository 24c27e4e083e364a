import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiForm } from '@/app/_components/api-form';
import { FileTree } from '@/app/_components/torrent/file-tree';
import { NfoViewer, Poster, Screenshots } from '@/app/_components/torrent/media';
import { PeerTable, ReportingNote } from '@/app/_components/torrent/peer-table';
import { TorrentBalance } from '@/app/_components/torrent/torrent-balance';
import { Alert, Card, PageTitle } from '@/app/_components/ui/card';
import { buttonClass } from '@/app/_components/ui/button-class';
import { pageUser } from '@/app/_lib/page-auth';
import { torrentForPage } from '@/app/_lib/torrent-for-page';
import { formatBytes, formatDateTime } from '@/lib/format';
import { renderMarkdown } from '@/lib/markdown/render';
import { mayDownload } from '@/lib/services/download-policy';
import { getSitePromotions } from '@/lib/services/get-site-promotions';
import { getTorrentMedia } from '@/lib/services/torrent-media/get-media';
import { getSetting } from '@/lib/services/settings';
import { DeleteTorrentForm } from './delete-form';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await torrentForPage((await params).id)).title };
}

export default async function TorrentPage({ params, searchParams }: Params & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageUser();
  const t = await torrentForPage((await params).id);
  const [download, promotions, refusedBefore, media, intervalSeconds] = await Promise.all([
    mayDownload({ userId: actor.id, torrentId: t.id }),
    getSitePromotions(),
    searchParams.then((sp) => sp.download === 'refused'),
    getTorrentMedia({ actor, torrentId: t.id }),
    getSetting('announceIntervalSeconds'),
  ]);
  const descriptionImages = { poster: media.poster?.url ?? null, screenshots: media.screenshots.map((s) => s.url) };
  const freeleech = t.freeleech || promotions.freeleechUntil !== null;
  const doubleUpload = t.doubleUpload || promotions.doubleUploadUntil !== null;
  const facts: [string, React.ReactNode][] = [
    ['Uploaded by', <Link key="u" href={`/users/${encodeURIComponent(t.uploader)}`}>{t.uploader}</Link>],
    ['Added', formatDateTime(t.createdAt)],
    ['Size', formatBytes(t.size)],
    ['Category', <Link key="c" href={`/torrents?category=${t.category.slug}`}>{t.category.name}</Link>],
    ['Piece size', formatBytes(t.pieceLength)],
    ['Format', { v1: 'BitTorrent v1', v2: 'BitTorrent v2', hybrid: 'Hybrid v1 + v2' }[t.version] ?? t.version],
    ['Seeders', t.seeders],
    ['Leechers', t.leechers],
    ['Snatches', t.snatches],
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle>{t.title}</PageTitle>
        <div className="flex gap-2">
          {t.deleted ? null : download.allowed ? (
            <a href={`/torrents/${t.id}/download`} className={buttonClass('primary')}>Download .torrent</a>
          ) : (
            <button type="button" disabled aria-describedby="download-refused" className={buttonClass('primary')} title={download.message}>Download unavailable</button>
          )}
          {t.canEdit ? <Link href={`/torrents/${t.id}/edit`} className={buttonClass('secondary')}>Edit</Link> : null}
        </div>
      </div>
      {t.deleted ? (
        <div data-testid="torrent-deleted">
          <Alert>
            <p className="font-medium">Deleted on {formatDateTime(t.deleted.at)} by {t.deleted.by ?? 'an unrecorded member of staff'}.</p>
            <p className="mt-1">Reason: {t.deleted.reason || '(none given)'}. Only staff see this page; members get “not found”, and clients get the reason from the tracker.</p>
          </Alert>
        </div>
      ) : null}
      {download.allowed || t.deleted ? null : (
        <div id="download-refused" data-testid="download-refused">
          <Alert kind={refusedBefore ? 'error' : 'info'}>
            <p className="font-medium">{refusedBefore ? 'The .torrent was not downloaded. ' : ''}{download.message}.</p>
            <p className="mt-1">
              Seeding stays allowed: keep seeding what you have (torrents you uploaded, snatched or seed can still be downloaded again), and
              leeching comes back once your ratio is above the required one. Your figures are on <Link href={`/users/${encodeURIComponent(actor.username)}`}>your profile</Link>.
            </p>
          </Alert>
        </div>
      )}
      <Card>
        <div className="flex flex-col gap-4 sm:flex-row">
          {media.poster ? <Poster poster={media.poster} title={t.title} /> : null}
          <div className="min-w-0 flex-1">
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
              {facts.map(([label, value]) => (
                <div key={label}>
                  <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
                  <dd data-testid={`torrent-${label.toLowerCase().replace(/ /g, '-')}`}>{value}</dd>
                </div>
              ))}
            </dl>
            <dl className="mt-4 space-y-1 text-sm">
              {t.infoHashV1 ? (<div><dt className="inline font-medium">Infohash v1: </dt><dd className="inline"><code data-testid="infohash-v1">{t.infoHashV1}</code></dd></div>) : null}
              {t.infoHashV2 ? (<div><dt className="inline font-medium">Infohash v2: </dt><dd className="inline"><code data-testid="infohash-v2">{t.infoHashV2}</code></dd></div>) : null}
              {t.infoHashV2 ? (<div><dt className="inline font-medium">Infohash v2, truncated (what clients announce): </dt><dd className="inline"><code data-testid="infohash-v2-short">{t.infoHashV2.slice(0, 40)}</code></dd></div>) : null}
            </dl>
            <p className="mt-3 flex flex-wrap gap-2 text-sm">
              {freeleech ? <span className="rounded bg-emerald-100 px-2 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200">{t.freeleech ? 'Freeleech' : `Freeleech (site-wide until ${formatDateTime(promotions.freeleechUntil!)})`}</span> : null}
              {t.neutral ? <span className="rounded bg-zinc-200 px-2 dark:bg-zinc-700">Neutral</span> : null}
              {doubleUpload ? <span className="rounded bg-sky-100 px-2 text-sky-800 dark:bg-sky-900 dark:text-sky-200">{t.doubleUpload ? '2× upload' : `2× upload (site-wide until ${formatDateTime(promotions.doubleUploadUntil!)})`}</span> : null}
              {t.tags.map((tag) => <Link key={tag} href={`/torrents?tags=${encodeURIComponent(tag)}`} className="rounded bg-zinc-100 px-2 dark:bg-zinc-800">{tag}</Link>)}
            </p>
          </div>
        </div>
      </Card>
      {t.description ? (
        <Card title="Description">
          <div className="markdown" data-testid="description" dangerouslySetInnerHTML={{ __html: renderMarkdown(t.description, { images: descriptionImages }) }} />
        </Card>
      ) : null}
      {media.screenshots.length > 0 ? <Screenshots screenshots={media.screenshots} title={t.title} /> : null}
      {media.nfo ? <NfoViewer nfo={media.nfo} /> : null}
      <Card title={`Files (${t.files.length})`}>
        <FileTree files={t.files} />
      </Card>
      <Card title={`Peers (${t.peers.length})`}>
        {t.peers.length === 0 ? <p className="text-sm">Nobody is in the swarm right now.</p> : <PeerTable peers={t.peers} now={new Date()} />}
        <ReportingNote intervalMinutes={Math.round(intervalSeconds / 60)} />
      </Card>
      <Card title={`Snatches (${t.snatches})`}>
        <p className="text-sm" data-testid="snatched-by-you">
          {t.snatchedByViewerAt ? `You snatched it on ${formatDateTime(t.snatchedByViewerAt)}.` : 'You have not snatched it.'}
        </p>
        {t.snatchList === null ? (
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Who snatched a torrent is visible to staff only; members see the count.</p>
        ) : t.snatchList.length === 0 ? <p className="mt-1 text-sm">Nobody has completed this torrent yet.</p> : (
          <ul className="mt-2 text-sm wrap-anywhere" data-testid="snatch-list">{t.snatchList.map((s, i) => <li key={i}>{s.username} · {formatDateTime(s.completedAt)}</li>)}</ul>
        )}
      </Card>
      {t.balance ? (
        <Card title="Balance (staff)">
          <TorrentBalance balance={t.balance} />
        </Card>
      ) : null}
      {t.canDelete ? (
        <Card title="Freeleech, neutral, double upload (staff)">
          <ApiForm id="mode" action={`/admin/torrents/${t.id}/mode`} submitLabel="Save torrent flags" fields={[
            { kind: 'checkbox', name: 'freeleech', label: 'Freeleech: downloads are not counted', defaultChecked: t.freeleech },
            { kind: 'checkbox', name: 'neutral', label: 'Neutral: neither uploads nor downloads are counted', defaultChecked: t.neutral },
            { kind: 'checkbox', name: 'doubleUpload', label: 'Double upload: uploads count twice', defaultChecked: t.doubleUpload },
          ]} />
        </Card>
      ) : null}
      {t.canDelete ? (
        <Card title="Delete (staff)">
          <DeleteTorrentForm id={t.id} title={t.title} />
        </Card>
      ) : null}
    </div>
  );
}
