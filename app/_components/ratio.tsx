import { formatRatio, ratioHealth, ratioValue } from '@/lib/ratio';

const COLOUR = {
  infinite: 'text-sky-600 dark:text-sky-400',
  good: 'text-emerald-600 dark:text-emerald-400',
  ok: 'text-lime-700 dark:text-lime-400',
  warning: 'text-amber-600 dark:text-amber-400',
  bad: 'text-red-600 dark:text-red-400',
} as const;

/** A ratio, ∞ when nothing was downloaded, coloured by health against the required ratio. */
export function Ratio({ uploaded, downloaded, required = 0 }: { uploaded: bigint; downloaded: bigint; required?: number }) {
  const text = formatRatio(uploaded, downloaded);
  return <span className={`font-semibold ${COLOUR[ratioHealth(ratioValue(uploaded, downloaded), required)]}`} title={`Ratio ${text}`}>{text}</span>;
}
