/**
 * Announces per second through the real tracker (group commit, synchronous (TRACKER_SYNCHRONOUS, normal by default)) in a child process.
 * Run: node node_modules/tsx/dist/cli.mjs tests/bench/tracker-throughput.ts [seconds] [connections]
 * The load generator shares the machine, so compare figures from one run only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from '@/lib/db/migrate';
import { announceQuery, peerId } from '@/tests/helpers/tracker-harness';

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 32);
const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-tput-'));
const file = path.join(dir, 'tput.db');
await applyMigrations({ databaseUrl: `file:${file}`, migrationsDir: path.resolve('prisma/migrations') });
const db = new Database(file);
db.exec(`INSERT INTO "Category" ("name", "slug") VALUES ('c', 'c')`);
const passkeys: string[] = [];
const hashes: Buffer[] = [];
for (let u = 1; u <= 500; u++) {
  const key = u.toString(16).padStart(32, '0');
  passkeys.push(key);
  db.prepare(`INSERT INTO "User" ("username", "usernameKey", "passwordHash", "passkey") VALUES (?, ?, 'x', ?)`).run(`u${u}`, `u${u}`, key);
}
for (let t = 1; t <= 200; t++) {
  const h = Buffer.alloc(20, t);
  hashes.push(h);
  db.prepare(`INSERT INTO "Torrent" ("infoHashV1", "name", "title", "version", "size", "pieceLength", "fileCount", "categoryId",
    "uploaderId", "updatedAt") VALUES (?, 'n', 't', 'v1', 1, 1, 1, 1, 1, '2026-01-01T00:00:00.000+00:00')`).run(h.toString('hex'));
}
db.close();

const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--import', './scripts/server-only-shim.mjs', 'tests/helpers/tracker-child.ts', file], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve) => {
  child.stdout.on('data', (c: Buffer) => {
    const m = /listening (\d+)/.exec(c.toString());
    if (m) resolve(Number(m[1]));
  });
});
const agent = new Agent({ keepAlive: true, maxSockets: connections });
let done = 0;
let failures = 0;
let counter = 0;
const deadline = Date.now() + seconds * 1000;
function one(): Promise<void> {
  const n = counter++;
  const user = n % passkeys.length;
  const torrent = (n * 7) % hashes.length;
  const query = announceQuery({
    infoHash: hashes[torrent] as Buffer, peerId: peerId(user * 1000 + torrent), port: 10000 + (user % 50000),
    left: user % 2 === 0 ? 0 : 1000, uploaded: n * 10, downloaded: n * 10, numwant: 50,
  });
  return new Promise((resolve) => {
    request({ host: '127.0.0.1', port, path: `/tracker/${passkeys[user]}/announce?${query}`, agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('latin1')));
      res.on('end', () => {
        if (body.includes('failure reason')) failures++;
        done++;
        resolve();
      });
    }).end();
  });
}
async function loop(): Promise<void> {
  while (Date.now() < deadline) await one();
}
await Promise.all(Array.from({ length: connections }, loop));
console.log(JSON.stringify({ requestsPerSecond: Math.round(done / seconds), failures, connections }));
agent.destroy();
child.kill('SIGKILL');
rmSync(dir, { recursive: true, force: true });
