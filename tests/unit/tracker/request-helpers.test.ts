import { describe, expect, it } from 'vitest';
import { looksLikeBrowser } from '@/lib/tracker/browser';
import { clientFromPeerId } from '@/lib/tracker/client-from-peer-id';
import { jitteredInterval } from '@/lib/tracker/interval';
import { peerIdMatchesBlacklist } from '@/lib/tracker/peer-id';
import { bin } from './strict-bencode';

describe('looksLikeBrowser', () => {
  it.each([
    [{ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }, true],
    [{ userAgent: 'mozilla/4.0' }, true],
    [{ userAgent: 'qBittorrent/4.6.5', acceptLanguage: 'en-US' }, true],
    [{ userAgent: 'Transmission/4.0.6', referer: 'https://example.org/' }, true],
    [{ userAgent: 'qBittorrent/4.6.5' }, false],
    [{ userAgent: 'Transmission/3.00' }, false],
    [{ userAgent: 'aria2/1.37.0' }, false],
    [{ userAgent: 'libtorrent/2.0.10.0', acceptLanguage: '', referer: '' }, false],
    [{}, false],
  ])('%j -> %s', (headers, expected) => {
    expect(looksLikeBrowser(headers)).toBe(expected);
  });
});

describe('peerIdMatchesBlacklist', () => {
  const list = [bin('-XL0012-'), bin('-BC'), bin('\x80\x81')];

  it.each([
    ['-XL0012-abcdefghijkl', true],
    ['-XL0013-abcdefghijkl', false],
    ['-BC0150-abcdefghijkl', true],
    ['\x80\x81-rest-of-the-id-x', true],
    ['-qB4650-abcdefghijkl', false],
  ])('%j -> %s', (id, expected) => {
    expect(peerIdMatchesBlacklist(bin(id), list)).toBe(expected);
  });

  it('ignores an empty prefix rather than banning every client', () => {
    expect(peerIdMatchesBlacklist(bin('-qB4650-abcdefghijkl'), [new Uint8Array(0)])).toBe(false);
  });
});

describe('clientFromPeerId', () => {
  it.each([
    ['-qB4650-xxxxxxxxxxxx', 'qBittorrent 4.6.5', 'azureus'],
    ['-qB5010-xxxxxxxxxxxx', 'qBittorrent 5.0.1', 'azureus'],
    ['-TR3000-xxxxxxxxxxxx', 'Transmission 3.00', 'azureus'],
    ['-TR2940-xxxxxxxxxxxx', 'Transmission 2.94', 'azureus'],
    ['-TR4060-xxxxxxxxxxxx', 'Transmission 4.0.6', 'azureus'],
    ['-TR410Z-xxxxxxxxxxxx', 'Transmission 4.1.0+', 'azureus'],
    ['-lt20A0-xxxxxxxxxxxx', 'rTorrent (libtorrent) 2.0.10', 'azureus'],
    ['-lt0D80-xxxxxxxxxxxx', 'rTorrent (libtorrent) 0.13.8', 'azureus'],
    ['-LT20A0-xxxxxxxxxxxx', 'libtorrent 2.0.10', 'azureus'],
    ['-UT355W-xxxxxxxxxxxx', 'µTorrent 3.5.5', 'azureus'],
    ['-DE2110-xxxxxxxxxxxx', 'Deluge 2.1.1', 'azureus'],
    ['-AZ5770-xxxxxxxxxxxx', 'Vuze 5.7.7', 'azureus'],
    ['-ZZ1234-xxxxxxxxxxxx', 'unknown (ZZ) 1.2.3.4', 'azureus'],
    ['A2-1-37-0-xxxxxxxxxx', 'aria2 1.37.0', 'aria2'],
    ['M4-3-6--xxxxxxxxxxxx', 'BitTorrent (Mainline) 4.3.6', 'mainline'],
    ['S58B-----xxxxxxxxxxx', 'Shadow 5.8.11', 'shadow'],
    ['T03I-----xxxxxxxxxxx', 'BitTornado 0.3.18', 'shadow'],
    ['xxxxxxxxxxxxxxxxxxxx', 'unknown', 'unknown'],
  ])('reads %j as %s', (id, label, style) => {
    const c = clientFromPeerId(bin(id));
    expect([c.label, c.style]).toEqual([label, style]);
  });

  it('reads a binary peer_id as unknown', () => {
    expect(clientFromPeerId(new Uint8Array(20).fill(0xff))).toEqual({ name: 'unknown', version: null, style: 'unknown', label: 'unknown' });
  });
});

describe('jitteredInterval', () => {
  it.each([
    [1800, 0, 1620],
    [1800, 0.5, 1800],
    [1800, 0.999999, 1980],
    [1, 0, 1],
    [0, 0.5, 1],
  ])('jitters %d s with random %d to %d s (+/-10%%, whole seconds, at least 1)', (base, r, expected) => {
    expect(jitteredInterval(base, r)).toBe(expected);
  });
});
