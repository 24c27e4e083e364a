import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { postgresSchemaFrom } from '../../lib/db/migrations-engine/postgres-schema';

/** npm run db:schema:postgres — rewrites prisma/postgres/schema.prisma from prisma/schema.prisma. */
const root = path.resolve(import.meta.dirname, '../..');
const target = path.join(root, 'prisma/postgres/schema.prisma');
writeFileSync(target, postgresSchemaFrom(readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8')));
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
