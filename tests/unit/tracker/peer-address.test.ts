import { describe, expect, it } from 'vitest';
import { normalizeIp, resolvePeerAddress } from '@/lib/tracker-server/peer-address';

describe('peer address', () => {
  it('turns an IPv4-mapped IPv6 socket address into its IPv4 address, in either case', () => {
    expect(normalizeIp('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(normalizeIp('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeIp('::ffff:203.113.255.254')).toBe('203.113.255.254');
  });

  it('leaves every other address as it is', () => {
    for (const ip of ['1.2.3.4', '127.0.0.1', '::1', '2001:db8::1', '::ffff:0102:0304', '::ffff:1.2.3', 'fe80::1%eth0', '']) {
      expect(normalizeIp(ip)).toBe(ip);
    }
  });

  it('takes the socket address, and the right-most forwarded hop only behind a trusted proxy', () => {
    const request = { remoteAddress: '::ffff:127.0.0.1', forwardedFor: '9.9.9.9, 203.0.113.7' };
    expect(resolvePeerAddress(request, 'none')).toEqual({ ip: '127.0.0.1', trusted: false, forwarded: false });
    expect(resolvePeerAddress(request, 'loopback')).toEqual({ ip: '203.0.113.7', trusted: true, forwarded: true });
    expect(resolvePeerAddress({ ...request, remoteAddress: '::ffff:10.0.0.1' }, 'loopback')).toEqual({ ip: '10.0.0.1', trusted: false, forwarded: false });
    expect(resolvePeerAddress({ ...request, forwardedFor: '::ffff:198.51.100.2' }, 'all')).toEqual({ ip: '198.51.100.2', trusted: true, forwarded: true });
  });
});
