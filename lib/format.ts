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
