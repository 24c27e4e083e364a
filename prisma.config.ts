import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PRISMA_PATHS, databaseProvider } from './lib/db/provider';

// Prisma's CLI downloads a native schema engine before every command unless this variable names one.
// This machine (and CI) cannot reach Prisma's binary host, and `generate`/`validate`/`format` never run
// the engine, so any existing file will do. Migrations run through the WASM engine (scripts/db/).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('package.json');

// The schema and migrations of the database DATABASE_URL names, so `prisma migrate deploy` (where the native
// engine can be had) applies the same folder `npm start` does.
const url = process.env.DATABASE_URL ?? 'file:./data/giveback.db';
const paths = PRISMA_PATHS[databaseProvider(url)];

export default defineConfig({
  schema: paths.schema,
  migrations: { path: paths.migrations },
  datasource: { url },
});
