import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'giveback-env-'));

describe('configuration', () => {
  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'Invalid configuration: DATABASE_URL must be a SQLite URL such as file:./data/giveback.db or a PostgreSQL URL such as postgresql://user@host:5432/giveback'],
    [{ APP_ENV: 'production', PUBLIC_URL: 'https://t.example' }, 'Invalid configuration: AUTH_SECRET is required when APP_ENV=production'],
    [{ APP_ENV: 'production', AUTH_SECRET: 's'.repeat(40) }, 'Invalid configuration: PUBLIC_URL is required when APP_ENV=production'],
    [{ AUTH_SECRET: 'short' }, 'Invalid configuration: AUTH_SECRET must be at least 32 characters'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT Too big: expected number to be <=65535'],
    [{ PUBLIC_URL: 'ftp://x' }, 'Invalid configuration: PUBLIC_URL Invalid URL'],
    [{ TRACKER_SYNCHRONOUS: 'off' }, 'Invalid configuration: TRACKER_SYNCHRONOUS Invalid option: expected one of "normal"|"full"'],
    [{ GIVEBACK_ROLE: 'worker' }, 'Invalid configuration: GIVEBACK_ROLE Invalid option: expected one of "all"|"web"|"tracker"'],
    [{ GIVEBACK_ROLE: 'web' }, 'Invalid configuration: GIVEBACK_ROLE is web, which needs a PostgreSQL DATABASE_URL: several processes on one SQLite file are not supported (use GIVEBACK_ROLE=all)'],
    [{ GIVEBACK_ROLE: 'tracker', DATABASE_URL: 'file:./x.db' }, 'Invalid configuration: GIVEBACK_ROLE is tracker, which needs a PostgreSQL DATABASE_URL: several processes on one SQLite file are not supported (use GIVEBACK_ROLE=all)'],
    [{ REDIS_URL: '127.0.0.1:6379' }, 'Invalid configuration: REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379'],
  ])('stops with one line for %j', (vars, message) => {
    expect(() => parseEnv({ DATA_DIR: dataDir(), ...vars })).toThrow(message);
  });

  it('generates a local secret once and keeps it in the data folder', () => {
    const dir = dataDir();
    const first = parseEnv({ DATA_DIR: dir });
    expect(first.authSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8')).toBe(first.authSecret);
    expect(parseEnv({ DATA_DIR: dir }).authSecret).toBe(first.authSecret);
  });

  it('derives the database and public URL from the data folder and port', () => {
    const dir = dataDir();
    const env = parseEnv({ DATA_DIR: dir, PORT: '4100', PUBLIC_URL: undefined });
    expect(env.databaseUrl).toBe(`file:${path.join(dir, 'giveback.db')}`);
    expect(env.publicUrl).toBe('http://localhost:4100');
    expect(env.trackerSynchronous).toBe('normal');
    expect(env.role).toBe('all');
    expect(env.redisUrl).toBeUndefined();
  });

  it('runs a web or tracker role on PostgreSQL', () => {
    const env = parseEnv({ DATA_DIR: dataDir(), GIVEBACK_ROLE: 'web', DATABASE_URL: 'postgresql://app@db:5432/giveback', REDIS_URL: 'redis://cache:6379' });
    expect([env.role, env.redisUrl]).toEqual(['web', 'redis://cache:6379']);
  });
});
