import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postgresSchemaFrom } from '@/lib/db/migrations-engine/postgres-schema';
import { databaseProvider, redactUrl } from '@/lib/db/provider';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');

describe('the PostgreSQL schema', () => {
  it('is prisma/schema.prisma with only the provider and the client folder changed (run npm run db:migration:create)', () => {
    expect(read('prisma/postgres/schema.prisma')).toBe(postgresSchemaFrom(read('prisma/schema.prisma')));
  });

  it('differs from the SQLite schema in exactly those two lines', () => {
    const sqlite = read('prisma/schema.prisma').split('\n');
    const postgres = read('prisma/postgres/schema.prisma').split('\n').slice(2);
    const changed = postgres.filter((line, i) => line !== sqlite[i]).map((line) => line.trim());
    expect(changed).toEqual(['output       = "../../lib/db/generated-postgres"', 'provider = "postgresql"']);
  });
});

describe('databaseProvider', () => {
  it.each([
    ['file:./data/giveback.db', 'sqlite'],
    ['file:/abs/x.db', 'sqlite'],
    ['postgresql://u:p@db:5432/giveback', 'postgres'],
    ['postgres://db/giveback', 'postgres'],
  ] as const)('reads %s as %s', (url, provider) => {
    expect(databaseProvider(url)).toBe(provider);
  });

  it('refuses other schemes without showing the password', () => {
    expect(() => databaseProvider('mysql://root:secret@db/x')).toThrow(
      'Unsupported DATABASE_URL "mysql://root:***@db/x": expected file:… (SQLite) or postgresql://… (PostgreSQL)',
    );
    expect(redactUrl('postgresql://u:pw@h/db')).toBe('postgresql://u:***@h/db');
  });
});
