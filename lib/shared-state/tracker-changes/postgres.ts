import pg from 'pg';

/** The channel every process NOTIFYs and the tracker process LISTENs on. */
export const TRACKER_CHANNEL = 'giveback_tracker';

/** What a Prisma client or transaction offers for a statement without results. */
export interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/**
 * Queues a notification in the caller's transaction: PostgreSQL delivers it when the transaction commits, and
 * never if it rolls back, so the tracker hears of exactly the changes that happened. Given the root client
 * instead, the statement commits (and notifies) on its own.
 */
export async function sendTrackerChange(client: RawExecutor): Promise<void> {
  await client.$executeRawUnsafe(`SELECT pg_notify('${TRACKER_CHANNEL}', '')`);
}

export interface TrackerChangeListener {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface ListenOptions {
  databaseUrl: string;
  /** Called for every notification, and each time LISTEN takes effect (notifications sent before were lost). */
  onChange: () => void;
  log?: (line: string) => void;
  /** First delay before reconnecting; it doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** A query this often proves the idle connection still lives (a dead one would otherwise go unnoticed). */
  heartbeatMs?: number;
  /**
   * How long connecting, LISTEN and the heartbeat may wait for the server. A connection that silently stopped
   * carrying anything (a network cut, a frozen server) would otherwise leave the heartbeat waiting forever and the
   * tracker deaf to every change until TCP gives up, hours later with the system's keep-alive defaults.
   */
  timeoutMs?: number;
}

/**
 * One dedicated session LISTENing on the channel (a pooled connection would hand LISTEN to whoever borrows it
 * next; PgBouncer's transaction pooling drops it, so this needs a direct or session-pooled connection). When the
 * connection drops it reconnects with backoff; each time it starts listening it reports a change, for whatever was
 * committed while it was not.
 */
export function listenForTrackerChanges(options: ListenOptions): TrackerChangeListener {
  const log = options.log ?? ((line: string) => console.error(line));
  const retryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  let delay = retryMs;
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const drop = (current: pg.Client, reason: string) => {
    if (client !== current) return;
    client = null;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    current.removeAllListeners('notification');
    void current.end().catch(() => undefined);
    if (closed) return;
    log(`tracker changes: connection lost (${reason}); reconnecting in ${delay} ms`);
    timer = setTimeout(connect, delay);
    timer.unref();
    delay = Math.min(delay * 2, maxRetryMs);
  };

  async function connect(): Promise<void> {
    timer = null;
    if (closed) return;
    const timeoutMs = options.timeoutMs ?? 10_000;
    const current = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
    client = current;
    current.on('error', (error: Error) => drop(current, error.message));
    current.on('end', () => drop(current, 'closed by the server'));
    current.on('notification', (message) => {
      if (message.channel === TRACKER_CHANNEL) options.onChange();
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${TRACKER_CHANNEL}`);
    } catch (error) {
      drop(current, error instanceof Error ? error.message : String(error));
      return;
    }
    if (client !== current) return;
    const reconnected = delay !== retryMs;
    delay = retryMs;
    heartbeat = setInterval(() => {
      current.query('SELECT 1').catch((error: unknown) => drop(current, error instanceof Error ? error.message : String(error)));
    }, options.heartbeatMs ?? 15_000);
    heartbeat.unref();
    if (reconnected) log('tracker changes: listening again; dropping the tracker caches in case a change was missed');
    // Changes committed before LISTEN took effect (while the tracker warmed its caches, or while disconnected)
    // were never delivered to this session: count one now.
    options.onChange();
    markReady();
  }

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (heartbeat) clearInterval(heartbeat);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
