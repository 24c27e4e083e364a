import { formatBytes } from '@/lib/format';
import type { TorrentBalanceDto } from '@/lib/services/get-torrent';

const bytes = (value: bigint) => <span title={`${value} bytes`}>{formatBytes(value)}</span>;

/** The torrent's own balance, for staff: what every member's client reported on it, summed. */
export function TorrentBalance({ balance: b }: { balance: TorrentBalanceDto }) {
  const facts: [string, string, React.ReactNode][] = [
    ['Reported uploaded', 'balance-uploaded', bytes(b.actualUploaded)],
    ['Reported downloaded', 'balance-downloaded', bytes(b.actualDownloaded)],
    ['Balance', 'balance', <span key="b" className={b.balance > 0n ? 'font-semibold text-amber-700 dark:text-amber-400' : 'font-semibold'}>{b.balance > 0n ? '+' : ''}{formatBytes(b.balance)}</span>],
    ['Credited uploaded', 'balance-credited-uploaded', bytes(b.creditedUploaded)],
    ['Credited downloaded', 'balance-credited-downloaded', bytes(b.creditedDownloaded)],
  ];
  return (
    <>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
        {facts.map(([label, id, value]) => (
          <div key={id}>
            <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
            <dd data-testid={id}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="balance-explained">
        Every byte one member uploads, another downloads, so on a private tracker the reported totals should nearly match.
        Balance = reported uploaded − reported downloaded, as the tracker adds it up at every announce. Far above zero hints at
        cheating: more upload was reported than anyone downloaded (an inflated upload, or hidden downloads); the members&apos;
        flags and histories show who. A little below zero is normal: what a client moved after its last announce is lost when it
        quits without announcing. Credited figures are after freeleech, neutral and double upload.
      </p>
    </>
  );
}
