import { BytesLineChart, cumulative } from '@/app/_components/ui/line-chart';

/** A member's credited uploaded and downloaded, accumulated by each torrent's last activity. */
export function HistoryChart({ history }: { history: { at: Date; uploaded: bigint; downloaded: bigint }[] }) {
  return (
    <BytesLineChart
      title="Credited uploaded and downloaded over time (by each torrent's last activity)"
      series={[
        { name: 'Uploaded', colour: 'stroke-emerald-500', points: cumulative(history.map((h) => ({ at: h.at, value: h.uploaded }))) },
        { name: 'Downloaded', colour: 'stroke-red-500', points: cumulative(history.map((h) => ({ at: h.at, value: h.downloaded }))) },
      ]}
    />
  );
}
