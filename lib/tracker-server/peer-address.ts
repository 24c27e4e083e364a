import { isIpLiteral } from '@/lib/tracker';
import type { TrustedProxy } from './settings';

export interface PeerAddress {
  /** The address peers should dial (before an `ip=` override). */
  ip: string;
  /** The socket is a proxy we believe, so its X-Forwarded-For and the `ip=` parameter may be used. */
  trusted: boolean;
  /** `ip` came from X-Forwarded-For. */
  forwarded: boolean;
}

const MAPPED = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/**
 * The client's address. From the socket, unless the socket belongs to a trusted proxy: then the right-most
 * X-Forwarded-For hop, the one our proxy appended (hops further left were written by the client and prove
 * nothing). IPv4-mapped IPv6 is reduced to plain IPv4.
 */
export function resolvePeerAddress(
  request: { remoteAddress: string; forwardedFor: string | undefined }, trustedProxy: TrustedProxy,
): PeerAddress {
  const socketIp = normalizeIp(request.remoteAddress);
  const trusted = trustedProxy === 'all' || (trustedProxy === 'loopback' && isLoopback(socketIp));
  if (!trusted) return { ip: socketIp, trusted, forwarded: false };
  const hop = request.forwardedFor?.split(',').pop()?.trim() ?? '';
  if (hop !== '' && isIpLiteral(normalizeIp(hop))) return { ip: normalizeIp(hop), trusted, forwarded: true };
  return { ip: socketIp, trusted, forwarded: false };
}

export function normalizeIp(ip: string): string {
  // Most addresses are plain IPv4 or IPv6 without the mapped prefix: no regular expression for those.
  if (ip.length < 14 || ip.charCodeAt(0) !== 0x3a) return ip;
  const mapped = MAPPED.exec(ip);
  return mapped?.[1] ?? ip;
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.');
}
