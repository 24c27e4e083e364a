import { randomBytes } from 'node:crypto';
import { isPrivateHost } from '@/lib/tracker/private-host';

/** 128 random bits as 32 lowercase hex characters. */
export function newPasskey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * A member's personal announce URL: `PUBLIC_URL/tracker/<passkey>/announce`, or `PUBLIC_URL/announce?passkey=<passkey>`
 * when PUBLIC_URL's host is a loopback or private address, since libtorrent (qBittorrent, Deluge) refuses a
 * tracker there unless the path is exactly `/announce`. Both forms are served; scrape replaces `announce` likewise.
 */
export function announceUrl(publicUrl: string, passkey: string): string {
  const { hostname } = new URL(publicUrl);
  if (isPrivateHost(hostname)) return `${publicUrl}/announce?passkey=${passkey}`;
  return `${publicUrl}/tracker/${passkey}/announce`;
}
