import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app reads: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(options: { issuer: string; username: string; secret: string }): string {
  return generateURI({ issuer: options.issuer, label: options.username, secret: options.secret });
}

/** Whether `code` looks like a TOTP code at all (6 digits, spaces allowed). */
export function isTotpShape(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ''));
}

/**
 * The time step a code is valid for at `now` (one step of clock drift either way), or null. The caller refuses a
 * step at or before the last one it accepted: that is what makes a code single-use.
 */
export async function totpStep(options: { secret: string; code: string; now: Date }): Promise<number | null> {
  const token = options.code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const epoch = Math.floor(options.now.getTime() / 1000);
  const result = await verify({ secret: options.secret, token, epoch, epochTolerance: TOTP_PERIOD_SECONDS });
  return result.valid ? Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta : null;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten recovery codes such as `k7mq2-x9tzr`: 10 characters from 31, about 50 bits each. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as typed (any case, spaces or dashes) in the form it is hashed in, or null if it cannot be one. */
export function normalizeRecoveryCode(code: string): string | null {
  const chars = code.toLowerCase().replace(/[\s-]+/g, '');
  return /^[a-z0-9]{10}$/.test(chars) ? chars : null;
}

export function hashRecoveryCode(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}
