import 'server-only';
import { db, type Db } from '@/lib/db/client';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetUserId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const json = (value: unknown) =>
  value === undefined ? null : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * Appends to the audit log. The log is append-only: nothing in the code updates or deletes its rows. Pass a
 * transaction's client as `client` to record the entry atomically with the change it describes.
 */
export async function writeAudit(entry: AuditEntry, client: Pick<Db, 'auditLog'> = db()): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetUserId: entry.targetUserId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      reason: entry.reason ?? null,
    },
  });
}
