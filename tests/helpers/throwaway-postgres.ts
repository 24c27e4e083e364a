import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './server';

const BIN = '/usr/lib/postgresql/15/bin';
const START_WITHIN_MS = 60_000;

/**
 * A PostgreSQL cluster of the test's own (never the shared server), to kill and restart: initdb and pg_ctl run as
 * the `postgres` OS user because PostgreSQL refuses to run as root. Trust authentication, its own free port and
 * socket directory, listening on 127.0.0.1 only.
 */
export interface ThrowawayCluster {
  port: number;
  /** The URL of a database in it, as the site's DATABASE_URL. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  start(): void;
  /** kill -9 of the postmaster, as a crash or an OOM kill would do it. */
  killHard(): void;
  /** SIGSTOP of the postmaster and its backends: a server that accepts connections and answers nothing (a frozen VM). */
  freeze(): void;
  /** SIGCONT of what freeze() stopped. */
  thaw(): void;
  remove(): void;
}

function asPostgres(args: string[]): string {
  const run = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

function childrenOf(pid: number): number[] {
  const ps = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  return ps.stdout.split('\n').map((line) => Number(line.trim())).filter((n) => n > 0);
}

export async function createThrowawayCluster(): Promise<ThrowawayCluster> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'giveback-pgdown-'));
  chmodSync(root, 0o755);
  const data = path.join(root, 'data');
  const sockets = path.join(root, 'sockets');
  mkdirSync(sockets);
  spawnSync('chown', ['-R', 'postgres:postgres', root]);
  const port = await freePort();
  try {
    asPostgres([`${BIN}/initdb`, '-D', data, '-A', 'trust', '-U', 'postgres']);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const postmaster = () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let frozen: number[] = [];
  const urlFor = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const cluster: ThrowawayCluster = {
    port,
    urlFor,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
    },
    start() {
      const args = [`${BIN}/pg_ctl`, 'start', '-w', '-D', data, '-l', path.join(root, 'server.log'), '-o', `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1`];
      // After killHard the old server's backends outlive the postmaster until they notice it is gone (a query
      // runs to its end first); a new postmaster refuses to start while they hold its shared memory.
      const deadline = Date.now() + START_WITHIN_MS;
      for (;;) {
        try {
          asPostgres(args);
          return;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
        }
      }
    },
    killHard() {
      process.kill(postmaster(), 'SIGKILL');
    },
    freeze() {
      // The postmaster first, so it forks no backend after the list of its children is read.
      const pid = postmaster();
      process.kill(pid, 'SIGSTOP');
      frozen = [pid, ...childrenOf(pid)];
      for (const child of frozen.slice(1)) process.kill(child, 'SIGSTOP');
    },
    thaw() {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      frozen = [];
    },
    remove() {
      if (frozen.length > 0) cluster.thaw();
      spawnSync('runuser', ['-u', 'postgres', '--', `${BIN}/pg_ctl`, 'stop', '-D', data, '-m', 'immediate'], { encoding: 'utf8' });
      rmSync(root, { recursive: true, force: true });
    },
  };
  return cluster;
}
