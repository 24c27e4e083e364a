import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Tables the schema does not model: the search index (SQLite: the FTS5 table and its shadow tables; PostgreSQL: a
 * tsvector table of the same name), created by hand in a migration. Listing them keeps schema diffs from
 * proposing to drop them.
 */
const FILTERS: Record<EngineTarget['provider'], SchemaFilter> = {
  sqlite: {
    externalTables: ['torrent_search', 'torrent_search_data', 'torrent_search_idx', 'torrent_search_docsize', 'torrent_search_config', 'torrent_search_content'],
    externalEnums: [],
  },
  // PostgreSQL wants them qualified by schema.
  postgres: { externalTables: ['public.torrent_search'], externalEnums: [] },
};

let loaded: Promise<void> | undefined;

/**
 * Instantiates the schema engine's WebAssembly module once per process. The package's main entry imports the
 * `.wasm` file as an ES module, which only bundlers understand, so the bindings are wired up by hand here
 * (the steps its bundler entry would run).
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsFile = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(bindingsFile.replace(/\.js$/, '.wasm'));
    const imports = { './schema_engine_bg.js': wasmBindings as unknown as WebAssembly.ModuleImports };
    const { instance } = await WebAssembly.instantiate(bytes, imports);
    wasmBindings.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start !== 'function') throw new Error('The schema engine WebAssembly module has no __wbindgen_start');
    start();
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

/**
 * Remembers every connection the engine opens, because freeing the engine leaves them open (checked with
 * 7.10.0) and the engine sets `locking_mode=EXCLUSIVE`: until they close, nobody else can read or write the file.
 */
class ClosingFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider;
  readonly adapterName;
  readonly #inner: SqlMigrationAwareDriverAdapterFactory;
  readonly #opened: SqlDriverAdapter[] = [];

  constructor(inner: SqlMigrationAwareDriverAdapterFactory) {
    this.#inner = inner;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.#track(await this.#inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#track(await this.#inner.connectToShadowDb());
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.#opened.splice(0).map((adapter) => adapter.dispose()));
  }

  #track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.#opened.push(adapter);
    if (adapter.provider === 'postgres') readCharAsText(adapter);
    return adapter;
  }
}

/** PostgreSQL's one-byte internal type `"char"` (pg_class.relkind and the like). */
const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * The engine describes a PostgreSQL database through catalog queries that return `"char"` columns, which Prisma's
 * pg adapter (7.10.0) refuses ("Column type 'char' could not be deserialized"). node-postgres already hands such a
 * value over as a one-character string, so the adapter is told it is text. Only the engine's connections get this.
 */
function readCharAsText(adapter: SqlDriverAdapter): void {
  const queryable = adapter as unknown as { performIO?: (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }> };
  const performIO = queryable.performIO?.bind(adapter);
  if (performIO === undefined) throw new Error('the Prisma pg adapter changed: no performIO(), so the schema engine cannot read the catalog');
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return result;
  };
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** What every diff and apply on this engine passes: the tables the schema does not model. */
  filters: SchemaFilter;
  /** Frees the engine and closes its connections; safe to call more than once. */
  close(): Promise<void>;
}

/** Where the engine connects: a SQLite file (absolute path) or a PostgreSQL database. */
export type EngineTarget = { provider: 'sqlite'; file: string } | { provider: 'postgres'; url: string };

/** Opens a schema engine on `target`. `onLog` receives the engine's JSON log lines. */
export async function openSchemaEngine(target: EngineTarget, onLog: (jsonLine: string) => void): Promise<OpenEngine> {
  await loadWasm();
  const factory = new ClosingFactory(
    target.provider === 'sqlite'
      ? new PrismaBetterSqlite3({ url: `file:${target.file}` })
      : new PrismaPg({ connectionString: target.url }),
  );
  const engine = await wasmBindings.SchemaEngine
    .new({ datamodels: undefined }, (line: unknown) => onLog(String(line)), bindMigrationAwareSqlAdapterFactory(factory))
    .catch(async (error: unknown) => {
      await factory.closeAll();
      throw error;
    });
  let closed = false;
  return {
    engine,
    filters: FILTERS[target.provider],
    async close() {
      if (closed) return;
      closed = true;
      engine.free();
      await factory.closeAll();
    },
  };
}
