import { createHash, randomBytes } from 'node:crypto';

/** Tokens start with this, so a secret scanner (or a person) recognises one pasted where it should not be. */
export const TOKEN_PREFIX = 'gb_';
/** 256 random bits, base64url: 43 characters after the prefix. */
const TOKEN_PATTERN = /^gb_[A-Za-z0-9_-]{43}$/;

/**
 * A new API token: the secret (shown to its owner once), the SHA-256 the database keeps, and a hint of its
 * first characters for lists. A fast hash is enough: the secret has 256 random bits, nothing to guess.
 */
export function newApiToken(): { token: string; hash: string; hint: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token), hint: token.slice(0, TOKEN_PREFIX.length + 4) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
