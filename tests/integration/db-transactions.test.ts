import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { ROOT } from '../helpers/server';

/**
 * The site's transactions against a second connection that writes, as the tracker's fold worker does. The other
 * connection lives in a worker thread (better-sqlite3 is synchronous) and, asked to `write`, tries to take the
 * write lock without waiting: it answers `busy`, or takes it, changes the member's uploaded bytes, commits and
 * answers `committed`. Asked to `hold`, it does the same but keeps the transaction open until `release`;
 * asked to `hold briefly`, it commits 300 ms later by itself (while the test's thread waits on the lock).
 */
const OTHER_CONNECTION = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
parentPort.on('message', (m) => {
  if (m === 'release') {
    db.exec('COMMIT');
    parentPort.postMessage('released');
    return;
  }
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    parentPort.postMessage(error.code === 'SQLITE_BUSY' ? 'busy' : 'failed: ' + error.message);
    return;
  }
  db.prepare('UPDATE "User" SET "uploaded" = "uploaded" + 1').run();
  if (m === 'hold') {
    parentPort.postMessage('holding');
    return;
  }
  if (m === 'hold briefly') {
    parentPort.postMessage('holding');
    setTimeout(() => db.exec('COMMIT'), 300);
    return;
  }
  db.exec('COMMIT');
  parentPort.postMessage('committed');
});`;

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let other: Worker;
const ask = (m: string) => new Promise<string>((resolve) => {
  other.once('message', resolve);
  other.postMessage(m);
});

beforeAll(async () => {
  database = await useTestDatabase();
  const { db, dbReady } = await import('@/lib/db/client');
  await dbReady();
  await db().user.create({ data: { username: 'reader', usernameKey: 'reader', passwordHash: 'x', passkey: 'a'.repeat(32) } });
  other = new Worker(OTHER_CONNECTION, {
    eval: true,
    workerData: { driver: path.join(ROOT, 'node_modules', 'better-sqlite3'), file: database.databaseUrl.replace(/^file:/, '') },
  });
});

afterAll(async () => {
  await other.terminate();
  await database.cleanup();
});

describe('site writes', () => {
  it('in a transaction hold the write lock from its start, so one that reads before it writes commits though another connection writes', async () => {
    const { db } = await import('@/lib/db/client');
    const seen: string[] = [];
    await db().$transaction(async (tx) => {
      const member = await tx.user.findUniqueOrThrow({ where: { usernameKey: 'reader' } });
      // With a deferred BEGIN the other connection gets the lock here, commits, and the update below fails.
      seen.push(await ask('write'));
      await tx.user.update({ where: { id: member.id }, data: { username: 'writer' } });
    });
    expect(seen).toEqual(['busy']);
    // Once the transaction committed, the other connection writes as usual.
    expect(await ask('write')).toBe('committed');
    const after = await db().user.findUniqueOrThrow({ where: { usernameKey: 'reader' }, select: { username: true, uploaded: true } });
    expect(after).toEqual({ username: 'writer', uploaded: 1n });
  });

  it('in a transaction that fails leave nothing behind and release the lock', async () => {
    const { db } = await import('@/lib/db/client');
    const select = { username: true, uploaded: true } as const;
    const before = await db().user.findUniqueOrThrow({ where: { usernameKey: 'reader' }, select });
    await expect(db().$transaction(async (tx) => {
      await tx.user.update({ where: { usernameKey: 'reader' }, data: { username: 'half' } });
      throw new Error('refused midway');
    })).rejects.toThrow('refused midway');
    expect(await ask('write')).toBe('committed');
    const after = await db().user.findUniqueOrThrow({ where: { usernameKey: 'reader' }, select });
    expect(after).toEqual({ username: before.username, uploaded: before.uploaded + 1n });
  });

  it('wait for a lock another connection holds without blocking the event loop, then commit', async () => {
    const { db } = await import('@/lib/db/client');
    expect(await ask('hold')).toBe('holding');
    const done: string[] = [];
    const write = db().user.update({ where: { usernameKey: 'reader' }, data: { username: 'waited' } }).then(() => done.push('statement'));
    const transaction = db().$transaction(async (tx) => {
      const member = await tx.user.findUniqueOrThrow({ where: { usernameKey: 'reader' }, select: { invitesAvailable: true } });
      await tx.user.update({ where: { usernameKey: 'reader' }, data: { invitesAvailable: member.invitesAvailable + 1 } });
    }).then(() => done.push('transaction'));
    // Were the waits synchronous (a busy timeout in better-sqlite3), this timer would fire only after both had
    // given up, and the other connection would get its release too late.
    await new Promise((resolve) => setTimeout(resolve, 50));
    done.push('timer');
    expect(await ask('release')).toBe('released');
    await Promise.all([write, transaction]);
    expect(done[0]).toBe('timer');
    expect(done.slice(1).sort()).toEqual(['statement', 'transaction']);
    const after = await db().user.findUniqueOrThrow({ where: { usernameKey: 'reader' }, select: { username: true, invitesAvailable: true } });
    expect(after).toEqual({ username: 'waited', invitesAvailable: 1 });
  });

  it('give up after 5 s of a held lock with "Operation has timed out", and later ones still run', async () => {
    const { db } = await import('@/lib/db/client');
    expect(await ask('hold')).toBe('holding');
    const select = { username: true, uploaded: true } as const;
    const before = await db().user.findUniqueOrThrow({ where: { usernameKey: 'reader' }, select });
    await expect(db().$transaction((tx) => tx.user.update({ where: { usernameKey: 'reader' }, data: { username: 'never' } })))
      .rejects.toThrow('Operation has timed out');
    await expect(db().user.update({ where: { usernameKey: 'reader' }, data: { username: 'never' } })).rejects.toThrow('Operation has timed out');
    expect(await ask('release')).toBe('released');
    // The adapter's transaction mutex was released: a later transaction runs.
    await db().$transaction((tx) => tx.user.update({ where: { usernameKey: 'reader' }, data: { username: 'after-hold' } }));
    const after = await db().user.findUniqueOrThrow({ where: { usernameKey: 'reader' }, select });
    expect(after).toEqual({ username: 'after-hold', uploaded: before.uploaded + 1n });
  }, 30_000);
});

describe('a moderator adjusting statistics', () => {
  it('adds to the figure as the tracker left it, even when the fold credits bytes while the adjustment waits', async () => {
    const { db } = await import('@/lib/db/client');
    const { adjustStats } = await import('@/lib/services/moderation/adjust-stats');
    const admin = await db().user.create({ data: { username: 'staff', usernameKey: 'staff', passwordHash: 'x', passkey: 'b'.repeat(32), role: 'admin' } });
    const member = await db().user.create({ data: { username: 'member', usernameKey: 'member', passwordHash: 'x', passkey: 'c'.repeat(32), uploaded: 1000n } });
    // The other connection credits every member 1 byte and commits while adjustStats waits for the write lock: a
    // figure read before that commit and written back plus the delta would lose the byte.
    expect(await ask('hold briefly')).toBe('holding');
    const result = await adjustStats({
      actor: { id: admin.id, username: admin.username, role: 'admin' },
      userId: member.id,
      input: { field: 'uploaded', mode: 'add', amount: 100n, reason: 'bonus for seeding' },
    });
    expect(result).toEqual({ before: 1001n, after: 1101n });
    expect((await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { uploaded: true } })).uploaded).toBe(1101n);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'stats.uploaded', targetUserId: member.id } });
    expect({ before: audit.before, after: audit.after, reason: audit.reason }).toEqual({ before: '{"uploaded":"1001"}', after: '{"uploaded":"1101"}', reason: 'bonus for seeding' });
  });
});
