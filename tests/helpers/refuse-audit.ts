import type { Db } from '@/lib/db/client';
import { databaseProvider } from '@/lib/db/provider';

/**
 * Makes every insert into the audit log fail, as a full disk or a broken constraint would, to show that the act
 * it records fails with it: a trigger that raises, written in each database's dialect.
 */
export async function refuseAuditInserts(db: Db): Promise<void> {
  if (provider() === 'sqlite') {
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditLog" BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
    return;
  }
  await db.$executeRawUnsafe(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
}

/** Undoes refuseAuditInserts. */
export async function acceptAuditInserts(db: Db): Promise<void> {
  if (provider() === 'sqlite') {
    await db.$executeRawUnsafe('DROP TRIGGER refuse_audit');
    return;
  }
  await db.$executeRawUnsafe('DROP TRIGGER refuse_audit ON "AuditLog"');
  await db.$executeRawUnsafe('DROP FUNCTION refuse_audit()');
}

function provider() {
  return databaseProvider(process.env.DATABASE_URL ?? '');
}
