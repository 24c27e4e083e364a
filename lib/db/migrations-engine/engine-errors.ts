/**
 * The engine's errors carry a Rust span trace after the message; people need the first line, and the name of
 * the migration, which only appears in that trace (`with migration_name="…"`) or in the failed-history text.
 */
export function engineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.trim() || 'unknown schema engine error';
}

export function failedMigrationName(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error);
  return /migration_name="([^"]+)"/.exec(text)?.[1] ?? /The `([^`]+)` migration started at .* failed/.exec(text)?.[1];
}

/** True for Prisma's P3009: an earlier run left a failed migration, so the engine refuses to apply anything. */
export function isFailedHistoryError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return text.includes('found failed migrations in the target database');
}
