import { quoteText } from './bytes';
import { failureReasons } from './failure-reasons';
import { isIpv4Mapped, parseIpv4Into, parseIpv6 } from './ip-address';
import { err, ok, type Result } from './result';

const MAPPED_PREFIX = '::ffff:';

/**
 * Compact peer endpoint: 4 address bytes + 2 port bytes (BEP 23) or 16 + 2 for IPv6 (BEP 7), both big-endian.
 * IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack Node socket reports for IPv4 clients) counts as IPv4,
 * so such peers land in `peers` where IPv4-only clients can reach them. Port must be 1-65535: port 0 is
 * undialable, and stopped announces (the only ones allowed port 0) need no endpoint.
 */
export function peerEndpoint(ip: string, port: number): Result<Uint8Array, string> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return err(failureReasons.invalidPort);
  const v4 = new Uint8Array(6);
  const mapped = ip.length > MAPPED_PREFIX.length && ip.slice(0, MAPPED_PREFIX.length).toLowerCase() === MAPPED_PREFIX;
  if (parseIpv4Into(ip, mapped ? MAPPED_PREFIX.length : 0, ip.length, v4, 0)) return ok(withPort(v4, 4, port));
  const v6 = parseIpv6(ip);
  if (v6 === null) return err(failureReasons.invalidIp(quoteText(ip)));
  if (isIpv4Mapped(v6)) {
    v4.set(v6.subarray(12, 16), 0);
    return ok(withPort(v4, 4, port));
  }
  const out = new Uint8Array(18);
  out.set(v6, 0);
  return ok(withPort(out, 16, port));
}

/** True when `ip` is a literal IPv4 or IPv6 address. */
export function isIpLiteral(ip: string): boolean {
  return parseIpv4Into(ip, 0, ip.length, new Uint8Array(4), 0) || parseIpv6(ip) !== null;
}

function withPort(out: Uint8Array, at: number, port: number): Uint8Array {
  out[at] = port >> 8;
  out[at + 1] = port & 0xff;
  return out;
}
