import { formatRatio, ratioHealth, ratioHealthAlone, ratioValue } from '@/lib/ratio';

const COLOUR = {
  infinite: 'text-sky-600 dark:text-sky-400',
  good: 'text-emerald-600 dark:text-emerald-400',
  ok: 'text-lime-700 dark:text-lime-400',
  warning: 'text-amber-600 dark:text-amber-400',
  bad: 'text-red-600 dark:text-red-400',
} as const;

/**
 * A ratio, ∞ when nothing was downloaded, coloured by health against the required ratio, or on the usual scale
 * (red below 0.5, amber below 1) when the viewer does not know the member's required ratio.
 */
export function Ratio({ uploaded, downloaded, required }: { uploaded: bigint; downloaded: bigint; required?: number }) {
  const text = formatRatio(uploaded, downloaded);
  const value = ratioValue(uploaded, downloaded);
  const health = required === undefined ? ratioHealthAlone(value) : ratioHealth(value, required);
  return <span className={`font-semibold ${COLOUR[health]}`} data-health={health} title={`Ratio ${text}`}>{text}</span>;
}
