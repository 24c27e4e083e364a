import { formatBytes } from '@/lib/format';

/** What a chart's values are: bytes (binary units), whole counts, or ratios. */
export type ChartUnit = 'bytes' | 'count' | 'ratio';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const STEPS = 4;

/** A value as the chart's table and tooltips show it. */
export function formatValue(value: number, unit: ChartUnit): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'ratio') return value.toFixed(2);
  return Math.round(value).toLocaleString('en');
}

/** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `raw`. */
function niceStep(raw: number, whole: boolean): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return whole ? Math.max(1, Math.ceil(step)) : step;
}

/**
 * The value axis: from 0 to a round top at or above `max`, in four equal steps, with short labels (bytes in the
 * one unit that suits the top, so the labels read "0 GiB, 15 GiB, 30 GiB…").
 */
export function valueAxis(max: number, unit: ChartUnit): { top: number; ticks: { value: number; label: string }[] } {
  const scale = unit === 'bytes' ? 1024 ** Math.min(UNITS.length - 1, Math.max(0, Math.floor(Math.log(Math.max(1, max)) / Math.log(1024)))) : 1;
  const inUnit = max / scale;
  const step = inUnit > 0 ? niceStep(inUnit / STEPS, unit === 'count' || (unit === 'bytes' && scale === 1)) : unit === 'ratio' ? 0.25 : 1;
  const ticks = Array.from({ length: STEPS + 1 }, (_, i) => {
    const value = i * step;
    const label = unit === 'bytes' ? `${trim(value)} ${UNITS[Math.round(Math.log(scale) / Math.log(1024))]}` : unit === 'ratio' ? trim(value) : value.toLocaleString('en');
    return { value: value * scale, label };
  });
  return { top: STEPS * step * scale, ticks };
}

function trim(n: number): string {
  return String(Number(n.toFixed(2)));
}
