/**
 * The PostgreSQL schema is derived from `prisma/schema.prisma` (the one data model, SQLite's), never edited by
 * hand: the datasource provider and the generated client's folder differ, nothing else. Prisma generates one
 * client per provider (a client generated for SQLite refuses the PostgreSQL driver adapter), so both exist.
 * `npm run db:migration:create` writes it; tests/unit/config/postgres-schema.test.ts fails when it drifts.
 */
const HEADER =
  '// GENERATED from prisma/schema.prisma by `npm run db:migration:create`: do not edit. The PostgreSQL client and\n' +
  '// migrations (prisma/postgres/migrations) are made from it.\n';

export function postgresSchemaFrom(sqliteSchema: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*output\s*=\s*)"\.\.\/lib\/db\/generated"/;
  if (!provider.test(sqliteSchema)) throw new Error('prisma/schema.prisma: expected datasource db { provider = "sqlite" }');
  if (!output.test(sqliteSchema)) throw new Error('prisma/schema.prisma: expected generator client { output = "../lib/db/generated" }');
  return HEADER + sqliteSchema
    .replace(provider, '$1"postgresql"')
    .replace(output, '$1"../../lib/db/generated-postgres"');
}
