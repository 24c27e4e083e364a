import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_KEYS } from '@/lib/shared-state/leader';
import { listenForTrackerChanges } from '@/lib/shared-state/tracker-changes/postgres';
import { TRACKER_ELSEWHERE } from '@/lib/roles';
import { startAlternatingProxy, type AlternatingProxy } from '../helpers/alternating-proxy';
import { bdecode, type BValue } from '../helpers/bencode-decode';
import { clientGet } from '../helpers/client-get';
import { createTestPostgresDatabase, type TestPostgresDatabase } from '../helpers/postgres';
import { freePort, ROOT, startSite, type RunningSite } from '../helpers/server';

const ADMIN = { username: 'admin', password: 'admin-password-1' };
const MEMBER = { username: 'member', password: 'member-password-1' };
const RULE_BREAKER = { username: 'rule-breaker', password: 'rule-breaker-password-1' };

let database: TestPostgresDatabase;
let sql: pg.Client;
let proxy: AlternatingProxy;
let webA: RunningSite;
let webB: RunningSite;
let tracker: RunningSite;
const workDir = mkdtempSync(path.join(os.tmpdir(), 'giveback-multi-'));

beforeAll(async () => {
  database = await createTestPostgresDatabase();
  const proxyPort = await freePort();
  const shared = {
    DATABASE_URL: database.url,
    APP_ENV: 'production',
    AUTH_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
  };
  // The tracker first: it applies the migrations the web processes then find applied (start.ts serializes them).
  tracker = await startSite({ ...shared, GIVEBACK_ROLE: 'tracker' });
  [webA, webB] = await Promise.all([startSite({ ...shared, GIVEBACK_ROLE: 'web' }), startSite({ ...shared, GIVEBACK_ROLE: 'web' })]);
  proxy = await startAlternatingProxy({ port: proxyPort, webPorts: [webA.port, webB.port], trackerPort: tracker.port });
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  createUser(ADMIN, 'admin');
  createUser(MEMBER, 'member');
  createUser(RULE_BREAKER, 'member');
}, 300_000);

afterAll(async () => {
  await sql?.end();
  await proxy?.close();
  await Promise.all([webA?.stop(), webB?.stop(), tracker?.stop()]);
  await database?.drop();
  rmSync(workDir, { recursive: true, force: true });
});

function createUser(user: { username: string; password: string }, role: 'admin' | 'member') {
  const made = spawnSync('npm', ['run', '--silent', 'user:create', '--', '--username', user.username, '--role', role], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: workDir, DATABASE_URL: database.url, GIVEBACK_PASSWORD: user.password },
    encoding: 'utf8',
  });
  expect(made.stdout + made.stderr).toContain(`Created ${role} ${user.username}`);
}

/** A client's cookies, as a browser keeps them for the site's one origin. */
class Jar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
}

/** A request as the browser sends it to the site's public address (the proxy), or straight to one process. */
async function send(jar: Jar, base: string, pathname: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { cookie: jar.header(), host: new URL(proxy.url).host };
  let body: string | undefined;
  if (init.form) {
    // A browser says where a form comes from; the site refuses a post that does not (lib/http/cross-site.ts).
    headers.origin = proxy.url;
    headers['sec-fetch-site'] = 'same-origin';
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const response = await fetch(`${base}${pathname}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
  jar.take(response);
  return response;
}

async function csrfToken(jar: Jar, base: string): Promise<string> {
  const response = await send(jar, base, '/api/auth/csrf');
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** next-auth's credentials sign-in, as its client sends it; resolves to the error shown on the form, or null. */
async function logIn(jar: Jar, base: string, csrf: string, user: { username: string; password: string }): Promise<string | null> {
  const response = await send(jar, base, '/api/auth/callback/credentials', {
    form: { csrfToken: csrf, username: user.username, password: user.password, callbackUrl: proxy.url, json: 'true' },
  });
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get('error');
}

async function sessionName(jar: Jar, base: string): Promise<string | null> {
  const response = await send(jar, base, '/api/auth/session');
  const session = (await response.json()) as { user?: { name?: string } };
  return session.user?.name ?? null;
}

function failureReason(body: BValue): string | undefined {
  const reason = (body as Record<string, BValue>)['failure reason'];
  return Buffer.isBuffer(reason) ? reason.toString('utf8') : undefined;
}

async function announce(passkey: string): Promise<string | undefined> {
  const infoHash = '%AA'.repeat(20);
  const response = await clientGet(`${proxy.url}/tracker/${passkey}/announce?info_hash=${infoHash}&peer_id=-TE0001-${'x'.repeat(12)}&port=6881&uploaded=0&downloaded=0&left=0&compact=1`);
  return failureReason(bdecode(response.body));
}

async function ratioLockHolders(): Promise<number> {
  const result = await sql.query(
    "SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND d.datname = current_database()",
    [LOCK_KEYS.ratioScheduler],
  );
  return result.rowCount ?? 0;
}

const admin = new Jar();

describe('two web processes and one tracker on one PostgreSQL database', () => {
  it('a web process answers a tracker URL with a bencoded failure saying the tracker runs elsewhere', async () => {
    const response = await fetch(`${webA.url}/tracker/${'0'.repeat(32)}/announce?info_hash=x`);
    expect(response.status).toBe(200);
    expect(failureReason(bdecode(new Uint8Array(await response.arrayBuffer())))).toBe(TRACKER_ELSEWHERE);
  });

  it('a session made on one web process works on the other (one AUTH_SECRET, JWT sessions)', async () => {
    // The CSRF cookie comes from A and the sign-in goes to B; the session cookie B sets is then read by A.
    const csrf = await csrfToken(admin, webA.url);
    expect(await logIn(admin, webB.url, csrf, ADMIN)).toBeNull();
    expect(await sessionName(admin, webA.url)).toBe(ADMIN.username);
    expect(await sessionName(admin, webB.url)).toBe(ADMIN.username);
    const page = await send(admin, webA.url, '/admin/settings');
    expect(page.status).toBe(200);
  });

  it('the sixth wrong password within a minute is throttled although the attempts alternate processes', async () => {
    const jar = new Jar();
    const csrf = await csrfToken(jar, proxy.url);
    const first = proxy.served.length;
    const errors: (string | null)[] = [];
    for (let i = 0; i < 6; i++) errors.push(await logIn(jar, proxy.url, csrf, { username: MEMBER.username, password: `wrong-${i}` }));
    expect(errors.slice(0, 5)).toEqual(Array(5).fill('Wrong username or password'));
    expect(errors[5]).toMatch(/^Too many failed attempts\. Try again in \d+ seconds\.$/);
    // Three attempts went to each web process, in turn.
    const ports = proxy.served.slice(first).map((r) => r.port);
    const [one, two] = ports[0] === webA.port ? [webA.port, webB.port] : [webB.port, webA.port];
    expect(ports).toEqual([one, two, one, two, one, two]);
  });

  it('a ban made through one web process reaches a tracker change listener within a second (NOTIFY on commit)', async () => {
    const heard: number[] = [];
    const listener = listenForTrackerChanges({ databaseUrl: database.url, onChange: () => heard.push(Date.now()), log: () => undefined });
    try {
      await listener.ready;
      const before = heard.length;
      const { rows } = await sql.query<{ id: number }>('SELECT id FROM "User" WHERE "usernameKey" = $1', [RULE_BREAKER.username]);
      const banned = await send(admin, webB.url, `/admin/members/${rows[0]?.id}/ban`, { form: { reason: 'multi-process test' } });
      expect(banned.status).toBe(200);
      const answeredAt = Date.now();
      await expect.poll(() => heard.length, { timeout: 1_000, interval: 20 }).toBe(before + 1);
      expect((heard.at(-1) ?? Infinity) - answeredAt).toBeLessThan(1_000);
    } finally {
      await listener.close();
    }
  });

  it('web processes run no ratio scheduler', async () => {
    for (const web of [webA, webB]) expect(web.output()).not.toContain('ratio scheduler: this process holds the lock');
  });

  it('exactly one ratio scheduler runs: the tracker process holds its lock', async () => {
    await expect.poll(ratioLockHolders, { timeout: 10_000 }).toBe(1);
    expect(tracker.output()).toContain('ratio scheduler: this process holds the lock and runs it');
  });

  it('the staff dashboard on a web process charts the announces the tracker process answered', async () => {
    const { rows } = await sql.query<{ passkey: string }>('SELECT passkey FROM "User" WHERE "usernameKey" = $1', [MEMBER.username]);
    // Answered (the torrent is unknown, the member is not): three announces, counted by the tracker process.
    for (let i = 0; i < 3; i++) expect(await announce(rows[0]!.passkey)).toBe('Unregistered torrent');
    if ((await sessionName(admin, webA.url)) !== ADMIN.username) expect(await logIn(admin, webA.url, await csrfToken(admin, webA.url), ADMIN)).toBeNull();
    const tile = async () => {
      const html = await (await send(admin, webA.url, '/admin')).text();
      return /data-testid="dash-announces-last-hours"[^>]*>([^<]*)</.exec(html)?.[1];
    };
    // The tracker stores its counts every 10 seconds.
    await expect.poll(tile, { timeout: 30_000, interval: 1_000 }).toBe('3');
    const html = await (await send(admin, webB.url, '/admin')).text();
    expect(html).toContain('data-chart="Announces per minute, last 24 hours" data-points="144"');
  });

  it('a ban made through one web process makes the tracker refuse the member\'s next announce within a second', async () => {
    const { rows } = await sql.query<{ id: number; passkey: string }>('SELECT id, passkey FROM "User" WHERE "usernameKey" = $1', [MEMBER.username]);
    const member = rows[0];
    expect(member).toBeDefined();
    // Known to the tracker (it caches the member): the torrent is what it refuses.
    expect(await announce(member!.passkey)).toBe('Unregistered torrent');
    const banned = await send(admin, webA.url, `/admin/members/${member!.id}/ban`, { form: { reason: 'multi-process test' } });
    expect(banned.status).toBe(200);
    const bannedAt = Date.now();
    let reason: string | undefined;
    while (Date.now() - bannedAt < 1_000) {
      reason = await announce(member!.passkey);
      if (reason === 'your account is banned') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(reason).toBe('your account is banned');
    expect(Date.now() - bannedAt).toBeLessThan(1_000);
  });
});
