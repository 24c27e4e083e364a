import { formatBytes } from '@/lib/format';

interface Series {
  name: string;
  colour: string;
  points: { at: Date; value: bigint }[];
}

/** Cumulative byte series over time as an SVG line chart, with the figures also in a screen-reader table. */
export function BytesLineChart({ title, series }: { title: string; series: Series[] }) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return <p className="text-sm">No activity yet.</p>;
  const width = 600;
  const height = 160;
  const t0 = Math.min(...all.map((p) => p.at.getTime()));
  const t1 = Math.max(t0 + 1, ...all.map((p) => p.at.getTime()));
  const max = all.reduce((m, p) => (p.value > m ? p.value : m), 1n);
  const x = (d: Date) => ((d.getTime() - t0) / (t1 - t0)) * (width - 10) + 5;
  const y = (v: bigint) => height - Number((v * 1000n) / max) / 1000 * (height - 20) - 5;
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={title}>
        <line x1="0" y1={height - 5} x2={width} y2={height - 5} className="stroke-zinc-300 dark:stroke-zinc-700" />
        <text x="4" y="12" className="fill-zinc-500 text-[11px]">{formatBytes(max)}</text>
        {series.map((s) => (
          <polyline key={s.name} fill="none" strokeWidth="2" className={s.colour} points={s.points.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')} />
        ))}
      </svg>
      <p className="flex gap-4 text-xs">{series.map((s) => <span key={s.name} className={s.colour.replace('stroke-', 'text-')}>■ {s.name}</span>)}</p>
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>{series.flatMap((s) => s.points.map((p, i) => <tr key={`${s.name}-${i}`}><th>{s.name} {p.at.toISOString()}</th><td>{String(p.value)}</td></tr>))}</tbody>
      </table>
    </figure>
  );
}

/** Running totals of per-torrent amounts, in time order. */
export function cumulative(entries: { at: Date; value: bigint }[]): { at: Date; value: bigint }[] {
  let total = 0n;
  return [...entries].sort((a, b) => a.at.getTime() - b.at.getTime()).map((e) => ({ at: e.at, value: (total += e.value) }));
}
