/** A small accessible SVG bar chart: the numbers are also in a visually hidden table for screen readers. */
export function BarChart({ title, data, colour = 'fill-emerald-500' }: { title: string; data: { label: string; value: number }[]; colour?: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const width = 600;
  const height = 140;
  const bar = width / Math.max(1, data.length);
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="h-auto w-full" role="img" aria-label={title}>
        <line x1="0" y1={height} x2={width} y2={height} className="stroke-zinc-300 dark:stroke-zinc-700" />
        {data.map((d, i) => {
          const h = (d.value / max) * (height - 10);
          return (
            <rect key={d.label} x={i * bar + 1} y={height - h} width={Math.max(1, bar - 2)} height={h} className={colour}>
              <title>{`${d.label}: ${d.value}`}</title>
            </rect>
          );
        })}
        <text x="0" y={height + 15} className="fill-zinc-500 text-[11px]">{data[0]?.label}</text>
        <text x={width} y={height + 15} textAnchor="end" className="fill-zinc-500 text-[11px]">{data[data.length - 1]?.label}</text>
        <text x="2" y="10" className="fill-zinc-500 text-[11px]">max {max}</text>
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>{data.map((d) => <tr key={d.label}><th>{d.label}</th><td>{d.value}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
