import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Tables the schema does not model: the FTS5 search index and its shadow tables, created by hand in a
 * migration. Listing them keeps schema diffs from proposing to drop them.
 */
export const NO_FILTERS: SchemaFilter = {
  externalTables: ['torrent_search', 'torrent_search_data', 'torrent_search_idx', 'torrent_search_docsize', 'torrent_search_config', 'torrent_search_content'],
  externalEnums: [],
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
    return adapter;
  }
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes its connections; safe to call more than once. */
  close(): Promise<void>;
}

/** Opens a schema engine on the SQLite file at `filePath` (absolute). `onLog` receives the engine's JSON log lines. */
export async function openSchemaEngine(filePath: string, onLog: (jsonLine: string) => void): Promise<OpenEngine> {
  await loadWasm();
  const factory = new ClosingFactory(new PrismaBetterSqlite3({ url: `file:${filePath}` }));
  const engine = await wasmBindings.SchemaEngine
    .new({ datamodels: undefined }, (line: unknown) => onLog(String(line)), bindMigrationAwareSqlAdapterFactory(factory))
    .catch(async (error: unknown) => {
      await factory.closeAll();
      throw error;
    });
  let closed = false;
  return {
    engine,
    async close() {
      if (closed) return;
      closed = true;
      engine.free();
      await factory.closeAll();
    },
  };
}
