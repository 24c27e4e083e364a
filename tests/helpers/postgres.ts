import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';
import { databaseUrlWithName } from '@/lib/db/migrations-engine/scratch-postgres';

/**
 * The PostgreSQL server tests make their databases on: TEST_POSTGRES_URL, else the local server as the OS user
 * (PostgreSQL 15 on 127.0.0.1:5432 with trust auth here and on CI). Tests only ever create, use and drop
 * databases named giveback_test_<random>; they never touch another.
 */
export function testPostgresServerUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? `postgresql://${userInfo().username}@127.0.0.1:5432/postgres`;
}

/** Which database the integration suite runs on: GIVEBACK_TEST_DATABASE=postgres (vitest.config.ts) or SQLite. */
export function testProvider(): 'sqlite' | 'postgres' {
  return process.env.GIVEBACK_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestPostgresDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new empty database of the test's own; `drop()` removes it (closing whatever connections are left). */
export async function createTestPostgresDatabase(): Promise<TestPostgresDatabase> {
  const server = testPostgresServerUrl();
  const name = `giveback_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(server, `CREATE DATABASE ${name}`);
  return {
    name,
    url: databaseUrlWithName(server, name),
    drop: () => adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(server: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
