import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isSerializationFailure, isUniqueViolation } from '@/lib/db/errors';
import { PrismaClient } from '@/lib/db/generated/client';
import { PrismaClient as PostgresPrismaClient } from '@/lib/db/generated-postgres/client';
import { siteSqliteAdapter } from '@/lib/db/sqlite-adapter';
import { AppError, asAppError, BUSY_MESSAGE, httpStatus } from '@/lib/errors';

/**
 * The classifier on the errors Prisma and its adapters really throw. Each error below is produced here, against
 * a port nobody listens on, a server that accepts and never answers, and a SQLite file another connection holds
 * locked; PostgreSQL's own codes for a server shutting down or terminating a connection come from its adapter's
 * report, shaped as captured from PostgreSQL 15 (pg_terminate_backend gave the 57P01 one).
 */
async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the database call to fail');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pgClient = (port: number, options: { connectionTimeoutMillis?: number } = {}) =>
  new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://nobody@127.0.0.1:${port}/nothing`, ...options }) });

const captured: Record<string, unknown> = {};
let silent: Server;
const sockets: Socket[] = [];
let dir: string;

beforeAll(async () => {
  const port = await closedPort();
  const refused = pgClient(port);
  captured['connection refused'] = await failure(() => refused.user.count());
  captured['connection refused, in a transaction'] = await failure(() => refused.$transaction(async (tx) => tx.user.count()));

  silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentPort = (silent.address() as { port: number }).port;
  captured['server that never answers'] = await failure(() => pgClient(silentPort, { connectionTimeoutMillis: 300 }).user.count());

  dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-unit-'));
  const file = path.join(dir, 'busy.db');
  const holder = new Database(file);
  holder.pragma('journal_mode = WAL');
  holder.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
  const sqlite = new PrismaClient({ adapter: siteSqliteAdapter(`file:${file}`, { waitMs: 200 }) });
  await sqlite.$executeRawUnsafe("INSERT INTO t (k) VALUES ('taken')");
  captured['unique violation'] = await failure(() => sqlite.$executeRawUnsafe("INSERT INTO t (k) VALUES ('taken')"));
  holder.exec('BEGIN IMMEDIATE');
  captured['SQLite locked by another writer'] = await failure(() => sqlite.$executeRawUnsafe("INSERT INTO t (k) VALUES ('other')"));
  captured['SQLite locked, transaction'] = await failure(() => sqlite.$transaction(async (tx) => tx.$executeRawUnsafe("INSERT INTO t (k) VALUES ('other')")));
  holder.exec('COMMIT');
  holder.close();
  // A database SQLite may only read (as on a file system remounted read-only): the same refusal as query_only's.
  await sqlite.$executeRawUnsafe('PRAGMA query_only = 1');
  captured['SQLite read-only'] = await failure(() => sqlite.$executeRawUnsafe("INSERT INTO t (k) VALUES ('other')"));
  captured['SQLite read-only, transaction'] = await failure(() => sqlite.$transaction(async (tx) => tx.$executeRawUnsafe("INSERT INTO t (k) VALUES ('other')")));
  await sqlite.$disconnect();
}, 30_000);

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/**
 * SQLite's report of a write that failed under a connection opened before the file became read-only (captured from
 * a site whose database file was made immutable while it ran), or of a full disk.
 */
const sqliteReport = (originalCode: string, message: string) => ({
  name: 'DriverAdapterError',
  cause: { originalCode, originalMessage: message, kind: 'sqlite', extendedCode: 1, message },
});

/** PostgreSQL's reports as the pg adapter hands them to Prisma (the 57P01 one captured from pg_terminate_backend). */
const postgresReport = (code: string, message: string) => ({
  name: 'PrismaClientKnownRequestError',
  code: 'P2010',
  meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: code, originalMessage: message, kind: 'postgres', code, severity: 'FATAL', message } } },
});

describe('a busy or unreachable database', () => {
  it.each([
    'connection refused',
    'connection refused, in a transaction',
    'server that never answers',
    'SQLite locked by another writer',
    'SQLite locked, transaction',
    'SQLite read-only',
    'SQLite read-only, transaction',
  ])('is recognised: %s', (name) => {
    expect(captured[name], name).toBeDefined();
    expect(isDatabaseUnavailable(captured[name])).toBe(true);
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['53300', 'sorry, too many clients already'],
    ['25006', 'cannot execute INSERT in a read-only transaction'],
  ])('is recognised from PostgreSQL code %s', (code, message) => {
    expect(isDatabaseUnavailable(postgresReport(code, message))).toBe(true);
  });

  it.each([
    ['SQLITE_IOERR_WRITE', 'disk I/O error'],
    ['SQLITE_FULL', 'database or disk is full'],
  ])('is recognised from SQLite code %s', (code, message) => {
    expect(isDatabaseUnavailable(sqliteReport(code, message))).toBe(true);
  });

  it('becomes the 503 "try again" error the member reads', () => {
    const error = asAppError(captured['connection refused']);
    expect(error).toBeInstanceOf(AppError);
    expect([error?.code, error?.userMessage, httpStatus(error!.code)]).toEqual(['UNAVAILABLE', BUSY_MESSAGE, 503]);
    expect(BUSY_MESSAGE).toBe('The site is busy, try again in a moment.');
  });
});

describe('errors that are not about availability', () => {
  it('leaves a unique violation to the caller as a unique violation', () => {
    expect(isUniqueViolation(captured['unique violation'])).toBe(true);
    expect(isDatabaseUnavailable(captured['unique violation'])).toBe(false);
    expect(asAppError(captured['unique violation'])).toBeNull();
  });

  it.each([
    ['a plain bug', new Error('Cannot read properties of undefined')],
    ['a syntax error from PostgreSQL', postgresReport('42601', 'syntax error at or near "FROM"')],
    ['a serialization failure (retried, not reported)', postgresReport('40001', 'could not serialize access')],
    ['a SQLite constraint failure', sqliteReport('SQLITE_CONSTRAINT_CHECK', 'CHECK constraint failed')],
    ['a SQLite syntax error', sqliteReport('SQLITE_ERROR', 'near "FROM": syntax error')],
  ])('does not call %s "busy"', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('tells a serialization failure apart so it can be run again', () => {
    expect(isSerializationFailure(postgresReport('40001', 'could not serialize access due to concurrent update'))).toBe(true);
    expect(isSerializationFailure(postgresReport('40P01', 'deadlock detected'))).toBe(true);
    expect(isSerializationFailure(captured['connection refused'])).toBe(false);
  });

  it('keeps an AppError as it is', () => {
    const error = new AppError('BAD_REQUEST', { userMessage: 'Registration is closed' });
    expect(asAppError(error)).toBe(error);
  });
});
