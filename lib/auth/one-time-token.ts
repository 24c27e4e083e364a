import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: the secret part of a one-time link. */
export function newOneTimeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its SHA-256 in hex. A long random token needs no slow hash. */
export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as newOneTimeToken writes it (43 base64url characters); anything else is not worth a lookup. */
export function isOneTimeTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
