import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Role } from './roles';

/**
 * The only reader of process.env. Everything is validated once; a bad value stops the start with one line.
 *
 * APP_ENV=local (the default) is the quick start: with no AUTH_SECRET a secret is generated once and kept in
 * DATA_DIR. APP_ENV=production refuses to start without AUTH_SECRET and PUBLIC_URL, because a generated secret
 * on a real deployment would silently differ between machines.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    APP_ENV: z.enum(['local', 'production']).default('local'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^(file:.+|postgres(ql)?:\/\/.+)/, 'must be a SQLite URL such as file:./data/giveback.db or a PostgreSQL URL such as postgresql://user@host:5432/giveback')
      .optional(),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    SITE_NAME: z.string().min(1).max(40).default('Giveback'),
    TRUSTED_PROXY: z.enum(['none', 'loopback', 'all']).default('none'),
    TRACKER_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
    GIVEBACK_ROLE: z.enum(['all', 'web', 'tracker']).default('all'),
    REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, 'must be a Redis URL such as redis://127.0.0.1:6379').optional(),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, 'must be an SMTP URL such as smtp://user:password@mail.example.org:587').optional(),
    SMTP_FROM: z.string().min(3).max(200).optional(),
  })
  .superRefine((value, ctx) => {
    // Several processes on one SQLite file would each count their own throttles, run their own ratio scheduler
    // and never hear of the others' changes: only PostgreSQL carries that state between processes.
    if (value.GIVEBACK_ROLE !== 'all' && !/^postgres(ql)?:\/\//.test(value.DATABASE_URL ?? '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['GIVEBACK_ROLE'],
        message: `is ${value.GIVEBACK_ROLE}, which needs a PostgreSQL DATABASE_URL: several processes on one SQLite file are not supported (use GIVEBACK_ROLE=all)`,
      });
    }
    if (value.APP_ENV !== 'production') return;
    if (!value.AUTH_SECRET) ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'is required when APP_ENV=production' });
    if (!value.PUBLIC_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required when APP_ENV=production' });
  });

export interface Env {
  appEnv: 'local' | 'production';
  nodeEnv: 'development' | 'production' | 'test';
  dataDir: string;
  databaseUrl: string;
  authSecret: string;
  port: number;
  host: string;
  publicUrl: string;
  siteName: string;
  trustedProxy: 'none' | 'loopback' | 'all';
  /** SQLite `synchronous` of the tracker's commits: `normal` survives a killed process, `full` also power loss. */
  trackerSynchronous: 'normal' | 'full';
  /**
   * What this process serves: `all` (the site and the tracker, one process), `web` (the site only) or `tracker`
   * (the tracker, its fold and the ratio scheduler). Roles other than `all` need PostgreSQL.
   */
  role: Role;
  /** When set, rate limits are kept in Redis instead of the database (or memory on SQLite). */
  redisUrl: string | undefined;
  /** Requests one API token (JSON API, Torznab) may make per minute; more get 429 with Retry-After. */
  apiRateLimitPerMinute: number;
  /** When set, members may add an email address and reset a forgotten password by email (lib/services/email). */
  smtpUrl: string | undefined;
  /** The From of the site's mail. */
  smtpFrom: string;
}

export class EnvError extends Error {}

/** Parses an environment; pure apart from creating the local secret file. Exported for tests. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') || 'environment';
    throw new EnvError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}`);
  }
  const v = parsed.data;
  const dataDir = path.resolve(v.DATA_DIR);
  const databaseUrl = v.DATABASE_URL ?? `file:${path.join(dataDir, 'giveback.db')}`;
  return {
    appEnv: v.APP_ENV,
    nodeEnv: v.NODE_ENV,
    dataDir,
    databaseUrl,
    authSecret: v.AUTH_SECRET ?? localSecret(dataDir),
    port: v.PORT,
    host: v.HOST,
    publicUrl: (v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
    siteName: v.SITE_NAME,
    trustedProxy: v.TRUSTED_PROXY,
    trackerSynchronous: v.TRACKER_SYNCHRONOUS,
    role: v.GIVEBACK_ROLE,
    redisUrl: v.REDIS_URL,
    apiRateLimitPerMinute: v.API_RATE_LIMIT_PER_MINUTE,
    smtpUrl: v.SMTP_URL,
    smtpFrom: v.SMTP_FROM ?? `${v.SITE_NAME} <noreply@${new URL(v.PUBLIC_URL ?? 'http://localhost').hostname}>`,
  };
}

function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Absolute path of the SQLite file named by a `file:` URL (relative paths resolve from the working dir). */
export function sqlitePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, ''));
}
