/** Lowercase words joined by underscores: safe as a folder name on every OS and in `_prisma_migrations`. */
export const MIGRATION_NAME_PATTERN = /^[a-z0-9_]+$/;

export function assertMigrationName(name: string): void {
  if (!MIGRATION_NAME_PATTERN.test(name)) {
    throw new Error(`Invalid migration name "${name}": use lowercase letters, digits and underscores, e.g. add_torrents`);
  }
}

/** `yyyymmddhhmmss` in UTC, the prefix `prisma migrate dev` gives migration folders. */
export function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

/**
 * The folder name for a new migration. Migrations apply in folder-name order, so the prefix must sort after
 * every existing one even when two are created within a second or a clock runs behind.
 */
export function nextMigrationFolderName(name: string, now: Date, existingFolders: readonly string[]): string {
  let stamp = utcTimestamp(now);
  const latest = existingFolders
    .map((folder) => /^\d{14}/.exec(folder)?.[0])
    .filter((prefix): prefix is string => prefix !== undefined)
    .sort()
    .at(-1);
  if (latest && stamp <= latest) stamp = utcTimestamp(new Date(parseStamp(latest) + 1000));
  return `${stamp}_${name}`;
}

function parseStamp(stamp: string): number {
  const part = (from: number, to: number) => Number(stamp.slice(from, to));
  return Date.UTC(part(0, 4), part(4, 6) - 1, part(6, 8), part(8, 10), part(10, 12), part(12, 14));
}
