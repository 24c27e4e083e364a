import 'server-only';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { DEFAULT_RATIO_TABLE, tableInEffect, validateRatioTable, type RatioTableRow, type RatioTableVersion } from '@/lib/ratio';
import { writeAudit } from '../audit';

const rowsSchema = z.array(z.object({
  fromGiB: z.number(), toGiB: z.number().nullable(), maxRatio: z.number(), minRatio: z.number(),
}));

export interface RatioTableVersionDto extends RatioTableVersion {
  id: number;
  createdById: number | null;
  createdAt: Date;
}

/** Every saved version, oldest first; a stored table that no longer parses is skipped rather than applied. */
export async function loadTableVersions(): Promise<RatioTableVersionDto[]> {
  const rows = await db().ratioTableVersion.findMany({ orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }] });
  return rows.flatMap((row) => {
    const parsed = rowsSchema.safeParse(JSON.parse(row.rows));
    if (!parsed.success) return [];
    return [{ id: row.id, effectiveFrom: row.effectiveFrom, rows: parsed.data, createdById: row.createdById, createdAt: row.createdAt }];
  });
}

/** The table in effect at `now` (the built-in default before any saved version) and the saved versions. */
export async function getRatioTables(options: { now?: Date } = {}): Promise<{ current: readonly RatioTableRow[]; versions: RatioTableVersionDto[] }> {
  const versions = await loadTableVersions();
  return { current: tableInEffect(versions, options.now ?? new Date())?.rows ?? DEFAULT_RATIO_TABLE, versions };
}

/**
 * Saves a new table version (admins only). It applies from `effectiveFrom`, which may not lie in the past:
 * a table never changes requirements retroactively, and running watches keep the table they started under.
 */
export async function saveRatioTable(options: {
  actor: SessionUser; rows: readonly RatioTableRow[]; effectiveFrom: Date; now?: Date;
}): Promise<RatioTableVersionDto> {
  if (options.actor.role !== 'admin') throw new AppError('FORBIDDEN', { userMessage: 'Only admins can change the ratio table' });
  const now = options.now ?? new Date();
  const valid = validateRatioTable(options.rows);
  if (!valid.ok) throw new AppError('BAD_REQUEST', { userMessage: valid.error.map((e) => e.message).join('; ') });
  if (options.effectiveFrom.getTime() < now.getTime()) {
    throw new AppError('BAD_REQUEST', { userMessage: 'The table cannot take effect in the past; choose now or a later date' });
  }
  const rows = valid.value.map(({ fromGiB, toGiB, maxRatio, minRatio }) => ({ fromGiB, toGiB, maxRatio, minRatio }));
  const saved = await db().$transaction(async (tx) => {
    const created = await tx.ratioTableVersion.create({
      data: { effectiveFrom: options.effectiveFrom, rows: JSON.stringify(rows), createdById: options.actor.id, createdAt: now },
    });
    await writeAudit({ actorId: options.actor.id, action: 'ratio-table.save', after: { effectiveFrom: created.effectiveFrom, rows } }, tx);
    return created;
  });
  return { id: saved.id, effectiveFrom: saved.effectiveFrom, rows, createdById: saved.createdById, createdAt: saved.createdAt };
}

