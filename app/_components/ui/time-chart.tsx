import { formatValue, valueAxis, type ChartUnit } from './chart-scale';

/**
 * Colours spelled out in full: Tailwind emits only the classes it finds literally in the source, so a class
 * built at run time (`stroke-` turned into `text-`) has no CSS and renders black.
 */
const PALETTE = {
  emerald: { stroke: 'stroke-emerald-500', fill: 'fill-emerald-500', swatch: 'bg-emerald-500' },
  red: { stroke: 'stroke-red-500', fill: 'fill-red-500', swatch: 'bg-red-500' },
  sky: { stroke: 'stroke-sky-500', fill: 'fill-sky-500', swatch: 'bg-sky-500' },
  amber: { stroke: 'stroke-amber-500', fill: 'fill-amber-500', swatch: 'bg-amber-500' },
  violet: { stroke: 'stroke-violet-500', fill: 'fill-violet-500', swatch: 'bg-violet-500' },
} as const;
export type ChartColour = keyof typeof PALETTE;

export interface ChartSeries {
  name: string;
  colour: ChartColour;
  /** One value per day of `days`; null where there is none (a ratio before anything was downloaded). */
  values: readonly (number | null)[];
  dashed?: boolean;
}

const W = 1000;
const H = 200;

/**
 * A chart over days, drawn on the server as SVG (no script): a value axis with round steps, the first, middle and
 * last day under it, a tooltip on every point or bar (SVG <title>), a legend, and every figure in a table that
 * opens under the chart. The plot stretches to the width it gets while its labels stay HTML text at their size;
 * nothing in it is wider than its container, down to a 360 px phone.
 */
export function TimeChart({ title, days, series, unit, kind = 'line', empty = 'No history yet.', xLabel = 'Day' }: {
  title: string;
  /** The table's heading for `days` (which may be times of day). */
  xLabel?: string;
  days: readonly string[];
  series: readonly ChartSeries[];
  unit: ChartUnit;
  kind?: 'line' | 'bar';
  empty?: string;
}) {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  if (days.length === 0 || values.length === 0) {
    return (
      <figure className="space-y-2">
        <figcaption className="text-sm font-medium">{title}</figcaption>
        <p className="text-sm text-zinc-500">{empty}</p>
      </figure>
    );
  }
  const axis = valueAxis(Math.max(0, ...values), unit);
  const y = (v: number) => H - (Math.max(0, v) / axis.top) * H;
  const band = W / days.length;
  const x = (i: number) => (kind === 'bar' || days.length === 1 ? (i + 0.5) * band : (i / (days.length - 1)) * W);
  const dot = days.length > 60 ? 3 : 7;
  const latest = series.map((s) => `${s.name} ${latestText(s.values, unit)}`).join(', ');
  const xLabels = days.length === 1 ? [days[0]!] : days.length === 2 ? [days[0]!, days[1]!] : [days[0]!, days[Math.floor((days.length - 1) / 2)]!, days[days.length - 1]!];
  return (
    <figure className="min-w-0 space-y-2" data-chart={title} data-points={days.length}>
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <div className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2">
        <div className="-my-2 flex flex-col-reverse justify-between text-right text-xs leading-4 text-zinc-500 dark:text-zinc-400" aria-hidden="true">
          {axis.ticks.map((t) => <span key={t.value}>{t.label}</span>)}
        </div>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-40 w-full overflow-visible" role="img" aria-label={`${title}. Latest: ${latest}.`}>
          {axis.ticks.map((t) => (
            <line key={t.value} x1="0" x2={W} y1={y(t.value)} y2={y(t.value)} vectorEffect="non-scaling-stroke"
              className={t.value === 0 ? 'stroke-zinc-400 dark:stroke-zinc-600' : 'stroke-zinc-200 dark:stroke-zinc-800'} />
          ))}
          {kind === 'bar'
            ? series.map((s, k) => s.values.map((v, i) => v === null ? null : (
              <rect key={`${s.name}-${i}`} x={i * band + band * 0.1 + (k * band * 0.8) / series.length} width={(band * 0.8) / series.length}
                y={y(v)} height={H - y(v)} className={PALETTE[s.colour].fill}>
                <title>{`${days[i]} · ${s.name}: ${formatValue(v, unit)}`}</title>
              </rect>
            )))
            : series.map((s) => (
              <g key={s.name} className={PALETTE[s.colour].stroke}>
                {segments(s.values).map((run) => run.length > 1 ? (
                  <polyline key={run[0]} fill="none" strokeWidth="2" vectorEffect="non-scaling-stroke" strokeDasharray={s.dashed ? '6 4' : undefined}
                    points={run.map((i) => `${x(i).toFixed(1)},${y(s.values[i]!).toFixed(1)}`).join(' ')} />
                ) : null)}
                {s.values.map((v, i) => v === null ? null : (
                  <path key={i} d={`M${x(i).toFixed(1)} ${y(v).toFixed(1)}h0`} strokeWidth={dot} strokeLinecap="round" vectorEffect="non-scaling-stroke" data-point="">
                    <title>{`${days[i]} · ${s.name}: ${formatValue(v, unit)}`}</title>
                  </path>
                ))}
              </g>
            ))}
        </svg>
        <div />
        <div className={`mt-1 flex text-xs text-zinc-500 dark:text-zinc-400 ${xLabels.length === 1 ? 'justify-center' : 'justify-between'}`} aria-hidden="true">
          {xLabels.map((d, i) => <span key={`${d}-${i}`}>{d}</span>)}
        </div>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {series.map((s) => (
          <li key={s.name} className="flex items-center gap-1.5">
            <span className={`inline-block size-2.5 rounded-sm ${PALETTE[s.colour].swatch}`} aria-hidden="true" />
            {s.name}{s.dashed ? ' (dashed)' : ''}
          </li>
        ))}
      </ul>
      <details className="text-sm">
        <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">{title}: the figures as a table</summary>
        <div className="mt-2 max-h-72 max-w-full overflow-auto">
          <table className="w-full text-left text-xs tabular-nums">
            <thead><tr><th scope="col" className="pr-3">{xLabel}</th>{series.map((s) => <th key={s.name} scope="col" className="pr-3">{s.name}</th>)}</tr></thead>
            <tbody>
              {days.map((d, i) => (
                <tr key={d} className="border-t border-zinc-100 dark:border-zinc-800">
                  <th scope="row" className="pr-3 font-normal whitespace-nowrap">{d}</th>
                  {series.map((s) => <td key={s.name} className="pr-3">{s.values[i] === null || s.values[i] === undefined ? '—' : formatValue(s.values[i]!, unit)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Runs of consecutive indexes with a value: a line is drawn through each, not across the gaps. */
function segments(values: readonly (number | null)[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(i);
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

function latestText(values: readonly (number | null)[], unit: ChartUnit): string {
  const last = [...values].reverse().find((v) => v !== null);
  return last === undefined || last === null ? 'none' : formatValue(last, unit);
}
