import { describe, expect, it } from 'vitest';
import { announceUrl } from '@/lib/auth/passkey';
import { isPrivateHost } from '@/lib/tracker';

describe('isPrivateHost: the hosts libtorrent treats as local (SSRF mitigation)', () => {
  it.each([
    ['localhost', true], ['LOCALHOST', true], ['site.localhost', true], ['localhost.', true],
    ['127.0.0.1', true], ['127.255.3.4', true], ['10.0.0.5', true], ['172.16.0.1', true], ['172.31.255.255', true],
    ['192.168.1.20', true], ['169.254.10.1', true],
    ['[::1]', true], ['::1', true], ['[fe80::1]', true], ['[fd12:3456::1]', true], ['[fc00::1]', true], ['[::ffff:192.168.0.1]', true],
    ['172.15.0.1', false], ['172.32.0.1', false], ['192.169.0.1', false], ['11.0.0.1', false], ['8.8.8.8', false],
    ['[2001:db8::1]', false], ['[::ffff:8.8.8.8]', false], ['[::2]', false],
    ['tracker.example.org', false], ['localhost.example.org', false], ['127.0.0.1.example.org', false], ['010.0.0.1', false],
  ])('%s is %s', (host, expected) => {
    expect(isPrivateHost(host)).toBe(expected);
  });
});

describe('announceUrl: the personal announce URL written into .torrent files', () => {
  const key = '0123456789abcdef0123456789abcdef';
  it.each([
    ['https://tracker.example.org', `https://tracker.example.org/tracker/${key}/announce`],
    ['http://203.0.113.9:3000', `http://203.0.113.9:3000/tracker/${key}/announce`],
    ['http://127.0.0.1:3000', `http://127.0.0.1:3000/announce?passkey=${key}`],
    ['http://localhost:3000', `http://localhost:3000/announce?passkey=${key}`],
    ['http://192.168.1.20', `http://192.168.1.20/announce?passkey=${key}`],
    ['http://[::1]:8080', `http://[::1]:8080/announce?passkey=${key}`],
  ])('for PUBLIC_URL %s is %s', (publicUrl, expected) => {
    expect(announceUrl(publicUrl, key)).toBe(expected);
  });
});
