import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { authenticateApiToken, RateLimitedError } from '@/lib/services/api-tokens/authenticate-api-token';
import { createApiToken } from '@/lib/services/api-tokens/create-api-token';
import { listApiTokens } from '@/lib/services/api-tokens/list-api-tokens';
import { revokeApiToken } from '@/lib/services/api-tokens/revoke-api-token';
import { flushTokenUsage, tokenUsage, TokenUsageBuffer } from '@/lib/services/api-tokens/usage-buffer';
import { createUser } from '@/lib/services/create-user';
import { createApiTokenSchema } from '@/lib/validation/api-token';
import { useTestDatabase } from '../../helpers/db';
import { ROOT } from '../../helpers/server';

const RATE_LIMIT = 25;
process.env.API_RATE_LIMIT_PER_MINUTE = String(RATE_LIMIT);

let cleanup: () => Promise<void>;
let databaseUrl: string;
let dataDir: string;
let member: SessionUser;
let moderator: SessionUser;

beforeAll(async () => {
  ({ cleanup, databaseUrl, dir: dataDir } = await useTestDatabase());
  member = (await createUser({ username: 'tooluser', password: 'password-1', role: 'member' })) as SessionUser;
  moderator = (await createUser({ username: 'modtools', password: 'password-1', role: 'moderator' })) as SessionUser;
});
afterAll(() => cleanup());

const input = (scopes: string, extra: Record<string, string> = {}) => createApiTokenSchema.parse({ name: 'Prowlarr', scopes: [scopes], expiresInDays: '', ...extra });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e as { code: string; userMessage: string });
  expect(error, 'expected a refusal').not.toBeNull();
  return { code: error!.code, message: error!.userMessage };
}

describe('API tokens', () => {
  it('shows the secret once, stores only its SHA-256, and lists the token without it', async () => {
    const { token, id } = await createApiToken({ actor: member, input: input('read,download') });
    expect(token).toMatch(/^gb_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(3));
    const [listed] = await listApiTokens({ actor: member });
    expect(listed).toMatchObject({ id, name: 'Prowlarr', hint: token.slice(0, 7), scopes: ['read', 'download'], lastUsedAt: null, revokedAt: null });
    expect(Object.keys(listed!)).not.toContain('secretHash');
    expect(await listApiTokens({ actor: moderator })).toEqual([]);
  });

  it('validates the form: name, scopes and expiry each with their own message', () => {
    const issues = (value: Record<string, unknown>) => createApiTokenSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ name: ' ', scopes: ['read'], expiresInDays: '' })).toEqual(['name: Name the token (e.g. the tool that uses it)']);
    expect(issues({ name: 'x', scopes: [], expiresInDays: '' })).toEqual(['scopes: Choose at least one scope']);
    expect(issues({ name: 'x', scopes: ['read,admin'], expiresInDays: '' })).toEqual(['scopes.1: Scopes are read, download, upload, stats, staff']);
    expect(issues({ name: 'x', scopes: ['read'], expiresInDays: '0' })).toEqual(['expiresInDays: Choose an expiry']);
  });

  it('lets only staff grant the staff scope', async () => {
    expect(await refusal(createApiToken({ actor: member, input: input('read,staff') }))).toEqual({ code: 'FORBIDDEN', message: 'Only staff may create tokens with the staff scope' });
    await expect(createApiToken({ actor: moderator, input: input('read,staff') })).resolves.toMatchObject({ token: expect.stringMatching(/^gb_/) });
  });

  it('authenticates a bearer token for its scopes: 401 for missing, malformed, unknown, revoked and expired, 403 for a missing scope', async () => {
    const { token, id } = await createApiToken({ actor: member, input: input('read') });
    const auth = (t: string | null, scope: 'read' | 'download' = 'read', now?: Date) => authenticateApiToken({ token: t, scope, ip: '198.51.100.7', now });
    await expect(auth(token)).resolves.toMatchObject({ id: member.id, username: 'tooluser', role: 'member', tokenId: id, scopes: ['read'] });
    expect(await refusal(auth(null))).toEqual({ code: 'UNAUTHORIZED', message: 'Send an API token: Authorization: Bearer <token>' });
    expect(await refusal(auth('hunter2'))).toEqual({ code: 'UNAUTHORIZED', message: 'This is not an API token of this site' });
    expect(await refusal(auth(`gb_${'A'.repeat(43)}`))).toEqual({ code: 'UNAUTHORIZED', message: 'Unknown API token' });
    expect(await refusal(auth(token, 'download'))).toEqual({ code: 'FORBIDDEN', message: 'This token lacks the download scope' });

    const expiring = await createApiToken({ actor: member, input: input('read', { expiresInDays: '7' }), now: new Date('2026-01-01T00:00:00Z') });
    expect(await refusal(auth(expiring.token, 'read', new Date('2026-01-09T00:00:00Z')))).toEqual({ code: 'UNAUTHORIZED', message: 'This API token expired on 2026-01-08T00:00:00.000Z' });
    await expect(auth(expiring.token, 'read', new Date('2026-01-07T00:00:00Z'))).resolves.toMatchObject({ tokenId: expiring.id });

    expect(await refusal(revokeApiToken({ actor: moderator, id }))).toEqual({ code: 'NOT_FOUND', message: 'No such token' });
    await revokeApiToken({ actor: member, id });
    expect(await refusal(auth(token))).toEqual({ code: 'UNAUTHORIZED', message: 'This API token was revoked' });
    expect((await listApiTokens({ actor: member })).find((t) => t.id === id)?.revokedAt).toBeInstanceOf(Date);
  });

  it("refuses a banned member's tokens", async () => {
    const banned = (await createUser({ username: 'bannedtool', password: 'password-1', role: 'member' })) as SessionUser;
    const { token } = await createApiToken({ actor: banned, input: input('read') });
    await db().user.update({ where: { id: banned.id }, data: { bannedAt: new Date(), banReason: 'test' } });
    expect(await refusal(authenticateApiToken({ token, scope: 'read', ip: '127.0.0.1' }))).toEqual({ code: 'FORBIDDEN', message: 'This account is banned' });
  });

  it('limits each token to its requests per minute with a Retry-After, apart from other tokens', async () => {
    const busy = await createApiToken({ actor: member, input: input('read') });
    const other = await createApiToken({ actor: member, input: input('read') });
    for (let i = 0; i < RATE_LIMIT; i++) await authenticateApiToken({ token: busy.token, scope: 'read', ip: '127.0.0.1' });
    const error = await authenticateApiToken({ token: busy.token, scope: 'read', ip: '127.0.0.1' }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    const limited = error as RateLimitedError;
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limited.userMessage).toBe(`Too many requests with this token: try again in ${limited.retryAfterSeconds} s`);
    await expect(authenticateApiToken({ token: other.token, scope: 'read', ip: '127.0.0.1' })).resolves.toMatchObject({ tokenId: other.id });
  });

  it('writes last use in batches, not per request, keeping the latest time and address', async () => {
    await flushTokenUsage();
    const { token, id } = await createApiToken({ actor: member, input: input('read') });
    const at = (s: number) => new Date(Date.UTC(2026, 5, 1, 12, 0, s));
    for (let s = 0; s < 5; s++) await authenticateApiToken({ token, scope: 'read', ip: `203.0.113.${s}`, now: at(s) });
    expect(tokenUsage().size).toBe(1);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
    await flushTokenUsage();
    expect(await db().apiToken.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true, lastUsedIp: true } })).toEqual({ lastUsedAt: at(4), lastUsedIp: '203.0.113.4' });
    // Another process flushing an older use afterwards does not move the time back.
    const writes: number[] = [];
    const other = new TokenUsageBuffer(async (uses) => {
      writes.push(uses.size);
      const { writeTokenUsage } = await import('@/lib/services/api-tokens/usage-buffer');
      await writeTokenUsage(uses);
    }, 0);
    other.record(id, { at: at(1), ip: '192.0.2.1' });
    other.record(id, { at: at(2), ip: '192.0.2.2' });
    await other.flush();
    expect(writes).toEqual([1]);
    expect(await db().apiToken.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true, lastUsedIp: true } })).toEqual({ lastUsedAt: at(4), lastUsedIp: '203.0.113.4' });
  });

  it('keeps uses whose write failed for the next flush', async () => {
    let fail = true;
    const written: number[] = [];
    const buffer = new TokenUsageBuffer(async (uses) => {
      if (fail) throw new Error('database down');
      written.push(...uses.keys());
    }, 0);
    buffer.record(7, { at: new Date(), ip: '::1' });
    await expect(buffer.flush()).rejects.toThrow('database down');
    fail = false;
    await buffer.flush();
    expect(written).toEqual([7]);
  });

  it('creates a token from the command line for operators', () => {
    const run = (args: string[]) =>
      spawnSync('npm', ['run', '--silent', 'token:create', '--', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, NODE_ENV: 'production' },
        encoding: 'utf8',
      });
    const made = run(['--username', 'TOOLUSER', '--scopes', 'read,download', '--name', 'cross-seed']);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout.trim()).toMatch(/^gb_[A-Za-z0-9_-]{43}$/);
    const wrongScope = run(['--username', 'tooluser', '--scopes', 'read,everything']);
    expect(wrongScope.status).toBe(2);
    expect(wrongScope.stderr.trim()).toBe('Error: Scopes are read, download, upload, stats, staff');
    const nobody = run(['--username', 'nobody', '--scopes', 'read']);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr.trim()).toBe('Error: No member named nobody');
    const usage = run(['--username', 'tooluser']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run token:create -- --username NAME --scopes');
  });
});
