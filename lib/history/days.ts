/** Daily history (snapshots taken at the start of each UTC day): pure helpers over day strings and rows. */

const DAY_MS = 86_400_000;

/** The UTC day of an instant, as YYYY-MM-DD (the snapshot tables' key). */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

/** Every day from `first` to `last`, both included; empty when `last` is before `first`. */
export function daysFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) out.push(day);
  return out;
}

/**
 * One value per day from `first` to `last` out of rows written only on days something changed: a day without a row
 * has the latest earlier row's figures. `rows` are in day order and may start before `first` (the row that
 * supplies the figures on `first`); days before the earliest row are left out.
 */
export function fillForward<T extends { day: string }>(rows: readonly T[], first: string, last: string): T[] {
  const out: T[] = [];
  let i = 0;
  let current: T | null = null;
  for (const day of daysFrom(first, last)) {
    while (i < rows.length && rows[i]!.day <= day) current = rows[i++]!;
    if (current) out.push({ ...current, day });
  }
  return out;
}

/**
 * Traffic per day from running totals taken at the start of each day: a day's traffic is the next row's total
 * minus its own. When the snapshots skipped days (the site was down), the difference is put on the first of
 * them. Totals that went down (a member's history removed with their account) count as no traffic.
 */
export function dailyTraffic(rows: readonly { day: string; uploaded: bigint; downloaded: bigint }[]): { day: string; uploaded: bigint; downloaded: bigint }[] {
  const out: { day: string; uploaded: bigint; downloaded: bigint }[] = [];
  for (let i = 0; i + 1 < rows.length; i++) {
    const a = rows[i]!;
    const b = rows[i + 1]!;
    const up = b.uploaded - a.uploaded;
    const down = b.downloaded - a.downloaded;
    out.push({ day: a.day, uploaded: up > 0n ? up : 0n, downloaded: down > 0n ? down : 0n });
  }
  return out;
}

/** A ratio as a number, or null when nothing was downloaded (the ratio is then unbounded). */
export function ratioOf(uploaded: bigint, downloaded: bigint): number | null {
  if (downloaded === 0n) return null;
  return Number((uploaded * 10_000n) / downloaded) / 10_000;
}
