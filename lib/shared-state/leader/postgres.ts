import pg from 'pg';
import type { Leadership, LeaderOptions } from './leader';

/**
 * Leadership under a PostgreSQL session advisory lock (`pg_try_advisory_lock`) on a connection of its own: the lock
 * lives exactly as long as that session, so when the holder dies or loses its connection the server releases it
 * and the next process to try takes over. Processes without it try again every `retryMs`; the holder runs a query
 * as often to notice a lost session (and stops its work) instead of running on without the lock. Needs a direct or
 * session-pooled connection (PgBouncer's transaction pooling would move the lock between clients).
 */
export function holdPostgresLeadership(options: LeaderOptions & { databaseUrl: string }): Leadership {
  const log = options.log ?? ((line: string) => console.error(line));
  const retryMs = options.retryMs ?? 5_000;
  let client: pg.Client | null = null;
  let held = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), retryMs);
    timer.unref();
  };

  const lose = (reason: string) => {
    const current = client;
    client = null;
    void current?.end().catch(() => undefined);
    if (!held) return;
    held = false;
    log(`${options.name}: lost the lock (${reason}); stopped here`);
    options.onLost();
  };

  async function session(): Promise<pg.Client> {
    if (client) return client;
    const current = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true });
    current.on('error', (error: Error) => {
      if (client === current) lose(error.message);
    });
    current.on('end', () => {
      if (client === current) lose('session ended');
    });
    client = current;
    await current.connect();
    return current;
  }

  async function tick(): Promise<void> {
    timer = null;
    if (stopped) return;
    try {
      const current = await session();
      if (held) {
        await current.query('SELECT 1');
      } else {
        const result = await current.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [options.lockKey]);
        if (result.rows[0]?.held === true && !stopped) {
          held = true;
          log(`${options.name}: this process holds the lock and runs it`);
          options.onAcquired();
        }
      }
    } catch (error) {
      lose(error instanceof Error ? error.message : String(error));
    }
    schedule();
  }

  void tick();
  return {
    isLeader: () => held,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (held) {
        held = false;
        options.onLost();
      }
      const current = client;
      client = null;
      // Ending the session releases the lock.
      await current?.end().catch(() => undefined);
    },
  };
}
