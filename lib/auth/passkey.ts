import { randomBytes } from 'node:crypto';

/** 128 random bits as 32 lowercase hex characters. */
export function newPasskey(): string {
  return randomBytes(16).toString('hex');
}

export function announceUrl(publicUrl: string, passkey: string): string {
  return `${publicUrl}/tracker/${passkey}/announce`;
}
