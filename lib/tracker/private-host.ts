import { isIpv4Mapped, parseIpv4Into, parseIpv6 } from './ip-address';

/**
 * Whether a URL's host names a loopback or private-network address: `localhost` (and `*.localhost`, RFC 6761),
 * or an IP literal that libtorrent's `is_local` counts as local (127/8, 10/8, 172.16/12, 192.168/16, 169.254/16;
 * `::1`, fe80::/10, fec0::/10, fc00::/7 and IPv4-mapped forms of the IPv4 ranges). libtorrent's SSRF mitigation
 * (on by default in qBittorrent and Deluge) contacts a tracker there only at the path `/announce`. A host name is
 * judged by its text alone: what it resolves to is not known here.
 */
export function isPrivateHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const v4 = new Uint8Array(4);
  if (parseIpv4Into(name, 0, name.length, v4, 0)) return isPrivateIpv4(v4);
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  const v6 = parseIpv6(bare);
  if (v6 === null) return false;
  if (isIpv4Mapped(v6)) return isPrivateIpv4(v6.subarray(12));
  const [a = 0, b = 0] = v6;
  const loopback = v6.every((byte, i) => byte === (i === 15 ? 1 : 0));
  return loopback || (a & 0xfe) === 0xfc || (a === 0xfe && (b & 0x80) === 0x80);
}

function isPrivateIpv4(b: Uint8Array): boolean {
  const [a = 0, c = 0] = b;
  return a === 127 || a === 10 || (a === 172 && c >= 16 && c <= 31) || (a === 192 && c === 168) || (a === 169 && c === 254);
}
