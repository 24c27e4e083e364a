import { describe, expect, it } from 'vitest';
import { peerEndpoint } from '@/lib/tracker/peer-endpoint';

const bytes = (ip: string, port: number) => {
  const r = peerEndpoint(ip, port);
  if (!r.ok) throw new Error(r.error);
  return [...r.value];
};

describe('peerEndpoint', () => {
  it.each<[string, number, number[]]>([
    ['1.2.3.4', 6881, [1, 2, 3, 4, 0x1a, 0xe1]],
    ['255.255.255.255', 65535, [255, 255, 255, 255, 255, 255]],
    ['0.0.0.0', 1, [0, 0, 0, 0, 0, 1]],
    ['::ffff:1.2.3.4', 6881, [1, 2, 3, 4, 0x1a, 0xe1]],
    ['::FFFF:10.0.0.1', 80, [10, 0, 0, 1, 0, 80]],
    ['::ffff:0102:0304', 6881, [1, 2, 3, 4, 0x1a, 0xe1]],
  ])('gives 6 compact bytes for IPv4 %s port %d', (ip, port, expected) => {
    expect(bytes(ip, port)).toEqual(expected);
  });

  it.each<[string, number[]]>([
    ['2001:db8::1', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['fe80::', [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['1:2:3:4:5:6:7:8', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]],
    ['64:ff9b::192.0.2.33', [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 33]],
    ['2001:DB8:0:0:0:0:0:FFFF', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]],
  ])('gives 18 compact bytes for IPv6 %s', (ip, address) => {
    expect(bytes(ip, 0x1ae1)).toEqual([...address, 0x1a, 0xe1]);
  });

  it.each([
    '', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-4', '1..3.4', ' 1.2.3.4', 'example.org',
    '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'fe80::1%eth0', '[::1]', ':::', '1:2:3:4:5:6:7::8',
    '::ffff:1.2.3.256', '1.2.3.4::',
  ])('refuses %j as an address', (ip) => {
    expect(peerEndpoint(ip, 6881)).toEqual({ ok: false, error: `invalid ip: ${JSON.stringify(ip)}` });
  });

  it('shows control characters in the error escaped', () => {
    expect(peerEndpoint('1.2.3.4\n', 1)).toEqual({ ok: false, error: 'invalid ip: "1.2.3.4\\x0a"' });
  });

  it.each([0, 65536, -1, 1.5, Number.NaN])('refuses port %d', (port) => {
    expect(peerEndpoint('1.2.3.4', port)).toEqual({ ok: false, error: 'invalid port: must be 1-65535' });
  });
});
