import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads a native schema engine before every command unless this variable names one.
// This machine (and CI) cannot reach Prisma's binary host, and `generate`/`validate`/`format` never run
// the engine, so any existing file will do. Migrations run through the WASM engine (scripts/db/).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('package.json');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/giveback.db' },
});
