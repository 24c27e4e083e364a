const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Binary units, two decimals above bytes; exact for bigint inputs beyond 2^53. */
export function formatBytes(bytes: bigint | number): string {
  let value = typeof bytes === 'bigint' ? bytes : BigInt(Math.trunc(bytes));
  const negative = value < 0n;
  if (negative) value = -value;
  let unit = 0;
  let scaled = Number(value);
  while (scaled >= 1024 && unit < UNITS.length - 1) {
    scaled /= 1024;
    unit++;
  }
  const text = unit === 0 ? `${scaled} B` : `${scaled.toFixed(2)} ${UNITS[unit]}`;
  return negative ? `-${text}` : text;
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function formatDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const AGE_STEPS: [number, string][] = [
  [60, 'second'],
  [60, 'minute'],
  [24, 'hour'],
  [30, 'day'],
  [12, 'month'],
  [Number.POSITIVE_INFINITY, 'year'],
];

/** How long ago, in the largest whole unit: "just now", "1 minute ago", "3 hours ago", "2 years ago". */
export function formatAge(date: Date, now: Date = new Date()): string {
  let amount = Math.floor((now.getTime() - date.getTime()) / 1000);
  if (amount < 10) return 'just now';
  for (const [size, unit] of AGE_STEPS) {
    if (amount < size) return `${amount} ${unit}${amount === 1 ? '' : 's'} ago`;
    amount = Math.floor(amount / size);
  }
  return formatDateTime(date);
}

/**
 * The page numbers a pager shows: the first, the last, and two either side of the current one, with null where
 * numbers are left out ("1 … 4 5 6 7 8 … 20").
 */
export function pageNumbers(current: number, last: number): (number | null)[] {
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, last])].filter((p) => p >= 1 && p <= last).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const [i, p] of shown.entries()) {
    if (i > 0 && p - shown[i - 1]! > 1) out.push(null);
    out.push(p);
  }
  return out;
}
