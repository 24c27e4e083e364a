import type { Db } from '@/lib/db/client';
import { databaseProvider } from '@/lib/db/provider';

/**
 * Makes every insert into `table` fail, as a full disk or a broken constraint would, to show that the change
 * written with it fails too: a trigger that raises, in each database's dialect (as refuse-audit.ts, for any table).
 */
export async function refuseInserts(db: Db, table: string): Promise<void> {
  const name = `refuse_${table.toLowerCase()}`;
  if (sqlite()) {
    await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, '${table} refused'); END`);
    return;
  }
  await db.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} refused'; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`);
}

/** Undoes refuseInserts. */
export async function acceptInserts(db: Db, table: string): Promise<void> {
  const name = `refuse_${table.toLowerCase()}`;
  if (sqlite()) {
    await db.$executeRawUnsafe(`DROP TRIGGER ${name}`);
    return;
  }
  await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
  await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
}

function sqlite() {
  return databaseProvider(process.env.DATABASE_URL ?? '') === 'sqlite';
}
