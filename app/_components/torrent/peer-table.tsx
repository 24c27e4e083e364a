import { Ratio } from '@/app/_components/ratio';
import { formatAge, formatBytes, formatDateTime } from '@/lib/format';
import type { PeerDto } from '@/lib/services/get-torrent';

const speed = (bytesPerSecond: number | undefined) => (bytesPerSecond === undefined ? '—' : `${formatBytes(bytesPerSecond)}/s`);

/**
 * The swarm as the tracker last heard it. A table from the `sm` breakpoint up; on a phone each peer stacks into a
 * labelled block (the labels are the hidden-on-desktop spans), so the page never scrolls sideways.
 */
export function PeerTable({ peers, now }: { peers: PeerDto[]; now: Date }) {
  const staff = peers[0]?.username !== undefined;
  const columns = [...(staff ? ['Member', 'Address'] : []), 'Client', 'Progress', 'Uploaded', 'Downloaded', 'Up speed', 'Down speed', 'Last announce', 'Ratio'];
  return (
    <div className="overflow-x-auto">
      <table className="block w-full text-left text-sm sm:table" aria-label="Peers" aria-describedby="peers-caption">
        <thead className="hidden sm:table-header-group">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            {columns.map((c) => <th key={c} scope="col" className="py-1 pr-3 whitespace-nowrap">{c}</th>)}
          </tr>
        </thead>
        <tbody className="block sm:table-row-group">
          {peers.map((p, i) => {
            const cells: [string, React.ReactNode][] = [
              ...(staff ? [['Member', p.username], ['Address', <code key="a" className="break-all">{p.ip}:{p.port}</code>]] as [string, React.ReactNode][] : []),
              ['Client', p.client],
              ['Progress', `${(p.progress * 100).toFixed(1)}%`],
              ['Uploaded', <span key="u" title={`${p.uploaded} bytes`}>{formatBytes(p.uploaded)}</span>],
              ['Downloaded', <span key="d" title={`${p.downloaded} bytes`}>{formatBytes(p.downloaded)}</span>],
              ['Up speed', speed(p.speed?.upload)],
              ['Down speed', speed(p.speed?.download)],
              ['Last announce', <time key="t" dateTime={p.lastAnnounceAt.toISOString()} title={formatDateTime(p.lastAnnounceAt)}>{formatAge(p.lastAnnounceAt, now)}</time>],
              ['Ratio', <Ratio key="r" uploaded={p.ratio.uploaded} downloaded={p.ratio.downloaded} />],
            ];
            return (
              <tr key={i} data-testid="peer-row" className="block border-b border-zinc-100 py-2 sm:table-row sm:py-0 dark:border-zinc-800">
                {cells.map(([label, value]) => (
                  <td key={label} data-label={label} className="flex justify-between gap-3 py-0.5 sm:table-cell sm:py-1 sm:pr-3 sm:whitespace-nowrap">
                    <span className="text-zinc-500 sm:hidden">{label}</span>
                    <span className="min-w-0 text-right sm:text-left">{value}</span>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p id="peers-caption" className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
        Uploaded and downloaded: what each client reported for its current session at its last announce. Speeds: what it moved
        between its last two announces, divided by the time between them (— before its second announce, or for a member
        with several clients on the torrent). Ratio: the member&apos;s totals on this torrent over all sessions.
      </p>
    </div>
  );
}

/** Why a member who just started seeding sees 0 B: shown beside the peers, whether or not anyone is in the swarm. */
export function ReportingNote({ intervalMinutes }: { intervalMinutes: number }) {
  return (
    <p data-testid="peers-note" className="mt-2 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-800 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-200">
      A client tells the tracker what it uploaded only at its next announce, about every {intervalMinutes} minutes here. If you just
      started seeding, 0 B for up to {intervalMinutes} minutes is normal: nothing is lost, it shows after that announce.
    </p>
  );
}
