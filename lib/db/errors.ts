/**
 * Telling database failures apart, whichever driver adapter raised them. Prisma wraps a driver's error as
 * `{ code: 'P…', meta: { driverAdapterError: { cause } } }`; the adapter's `cause` names a `kind` and, for errors
 * the server sent, keeps the server's own code (PostgreSQL's SQLSTATE as `originalCode` or `code`, SQLite's
 * `SQLITE_…`). Errors thrown before Prisma wraps them (a transaction's commit, a pool's connect) arrive as the
 * adapter's `DriverAdapterError` or the driver's own error, so each check looks at every layer.
 */

interface Layer {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
}

/** The error, the adapter's cause inside Prisma's wrapper, and the `cause` chain, outermost first. */
function layers(error: unknown): Layer[] {
  const out: Layer[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as Layer & { meta?: { driverAdapterError?: { cause?: unknown } }; cause?: unknown };
    out.push(e);
    const wrapped = e.meta?.driverAdapterError?.cause;
    if (typeof wrapped === 'object' && wrapped !== null) out.push(wrapped as Layer);
    current = e.cause;
  }
  return out;
}

const codesOf = (layer: Layer) => [layer.code, layer.originalCode].filter((c): c is string => typeof c === 'string');

/** True for a unique-constraint violation (Prisma P2002), whichever driver adapter raised it. */
export function isUniqueViolation(error: unknown): boolean {
  return layers(error).some((l) => l.code === 'P2002' || l.kind === 'UniqueConstraintViolation');
}

/** True when a row is still referenced, or a reference points at no row (Prisma P2003). */
export function isForeignKeyViolation(error: unknown): boolean {
  return layers(error).some((l) => l.code === 'P2003' || l.kind === 'ForeignKeyConstraintViolation');
}

/**
 * True when a serializable transaction lost to a concurrent one and may simply run again: PostgreSQL's
 * serialization failure (40001) or deadlock (40P01), Prisma's P2034.
 */
export function isSerializationFailure(error: unknown): boolean {
  return layers(error).some((l) => l.code === 'P2034' || l.kind === 'TransactionWriteConflict' || codesOf(l).some((c) => c === '40001' || c === '40P01'));
}

/**
 * Prisma's codes for a server it cannot reach or that does not answer in time: P1001 can't reach, P1002 timed out
 * reaching, P1008 operation timed out (SQLite's busy lock), P1017 server closed the connection, P2024 no pool
 * connection in time, P2028 no transaction could be started in time.
 */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const ADAPTER_UNAVAILABLE = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** Node's socket errors, as pg raises them before an adapter maps them. */
const SOCKET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** pg's own messages for a connection lost or never made (it gives them no code). */
const PG_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /^Client has encountered a connection error/, /^Client was closed/];

/**
 * PostgreSQL: 57P01-57P03 shutting down or starting up, 53300 too many connections, 08xxx connection exceptions,
 * 25006 a read-only transaction (the server is a standby, as during a failover).
 */
function isUnavailableSqlState(code: string): boolean {
  return code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || code === '25006' || /^08[0-9A-Z]{3}$/.test(code);
}

/**
 * SQLite: the write lock stayed taken (BUSY), or the database cannot be written at the moment: its file became
 * read-only (READONLY, e.g. a file system remounted read-only, or made immutable), a write to it failed (IOERR:
 * the same under a connection opened before) or the disk is full (FULL). None is the request's fault, and each
 * ends without a restart once the operator frees the lock, the file or the disk; SQLite rolled the write back.
 */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|READONLY|IOERR|FULL)(_|$)/;

/**
 * True when the database is busy or down rather than the request being wrong: the caller should say "try again
 * in a moment" (AppError 'UNAVAILABLE', HTTP 503), not fail with a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return layers(error).some((l) => {
    if (typeof l.kind === 'string' && ADAPTER_UNAVAILABLE.has(l.kind)) return true;
    if (codesOf(l).some((c) => PRISMA_UNAVAILABLE.has(c) || SOCKET_UNAVAILABLE.has(c) || SQLITE_UNAVAILABLE.test(c) || isUnavailableSqlState(c))) return true;
    return typeof l.message === 'string' && PG_MESSAGES.some((m) => m.test(l.message as string));
  });
}
