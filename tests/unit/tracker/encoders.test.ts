import { describe, expect, it } from 'vitest';
import { encodeAnnounce, encodeAnnounceDict } from '@/lib/tracker/encode-announce';
import { encodeFailure } from '@/lib/tracker/encode-failure';
import { encodeScrape } from '@/lib/tracker/encode-scrape';
import { bin, strictDecode } from './strict-bencode';

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const stats = { interval: 1800, minInterval: 900, complete: 2, incomplete: 1, downloaded: 5 };
const V4 = bin('\x01\x02\x03\x04\x1a\xe1');
const V6 = bin('\x20\x01\x0d\xb8' + '\x00'.repeat(11) + '\x01\xc8\xd5');

/** The trusted outputs are also checked by npm bencode, a second, independent reader. */
async function npmDecode(bytes: Uint8Array): Promise<unknown> {
  const name = 'bencode';
  const mod = (await import(name)) as { default: { decode: (b: Uint8Array) => unknown } };
  return mod.default.decode(bytes);
}

describe('encodeFailure', () => {
  it('writes failure reason, interval and min interval in key order', () => {
    expect(latin1(encodeFailure('missing info_hash', 1800))).toBe(
      'd14:failure reason17:missing info_hash8:intervali1800e12:min intervali1800ee',
    );
  });

  it('counts the reason length in UTF-8 bytes', () => {
    const out = encodeFailure('é', 60);
    expect(latin1(out)).toBe('d14:failure reason2:\xc3\xa98:intervali60e12:min intervali60ee');
    expect(() => strictDecode(out)).not.toThrow();
  });
});

describe('encodeAnnounce', () => {
  it('writes a compact IPv4 response with exactly these bytes', () => {
    const out = encodeAnnounce({ ...stats, peers4: V4, peers6: new Uint8Array(0) });
    expect(latin1(out)).toBe(
      'd8:completei2e10:downloadedi5e10:incompletei1e8:intervali1800e12:min intervali900e5:peers6:\x01\x02\x03\x04\x1a\xe1e',
    );
  });

  it('adds peers6 and the warning message after peers, in raw-byte key order', () => {
    const out = encodeAnnounce({ ...stats, complete: 0, peers4: new Uint8Array(0), peers6: V6, warning: 'slow down' });
    expect(latin1(out)).toBe(
      'd8:completei0e10:downloadedi5e10:incompletei1e8:intervali1800e12:min intervali900e' +
        `5:peers0:6:peers618:${latin1(V6)}15:warning message9:slow downe`,
    );
    const decoded = strictDecode(out) as Map<string, unknown>;
    expect([...decoded.keys()]).toEqual([
      'complete', 'downloaded', 'incomplete', 'interval', 'min interval', 'peers', 'peers6', 'warning message',
    ]);
  });

  it('produces bencode that an independent decoder reads back', async () => {
    const peers4 = new Uint8Array(50 * 6).map((_, i) => (i * 37) & 0xff);
    const out = encodeAnnounce({ ...stats, complete: 123456789, peers4, peers6: V6 });
    expect(() => strictDecode(out)).not.toThrow();
    const decoded = (await npmDecode(out)) as Record<string, unknown>;
    expect(decoded.complete).toBe(123456789);
    expect(decoded.peers).toEqual(peers4);
  });

  it('refuses a count that bencode could not carry exactly', () => {
    expect(() => encodeAnnounce({ ...stats, complete: 1.5, peers4: V4, peers6: V6 })).toThrow(RangeError);
  });
});

describe('encodeAnnounceDict', () => {
  const peers = [
    { ip: '1.2.3.4', port: 6881, peerId: bin('-TR3000-aaaaaaaaaaaa') },
    { ip: '2001:db8::1', port: 51413, peerId: bin('-qB4650-\x80bbbbbbbbbbb') },
  ];

  it('writes peers as dictionaries with ip, peer id and port', () => {
    const out = encodeAnnounceDict({ ...stats, peers, noPeerId: false });
    expect(latin1(out)).toBe(
      'd8:completei2e10:downloadedi5e10:incompletei1e8:intervali1800e12:min intervali900e5:peersl' +
        'd2:ip7:1.2.3.47:peer id20:-TR3000-aaaaaaaaaaaa4:porti6881ee' +
        'd2:ip11:2001:db8::17:peer id20:-qB4650-\x80bbbbbbbbbbb4:porti51413ee' +
        'ee',
    );
    expect(() => strictDecode(out)).not.toThrow();
  });

  it('leaves peer id out when the client sent no_peer_id=1', () => {
    const out = encodeAnnounceDict({ ...stats, peers: peers.slice(0, 1), noPeerId: true, warning: 'w' });
    expect(latin1(out)).toBe(
      'd8:completei2e10:downloadedi5e10:incompletei1e8:intervali1800e12:min intervali900e5:peersl' +
        'd2:ip7:1.2.3.44:porti6881eee15:warning message1:we',
    );
  });

  it('writes an empty peer list', () => {
    expect(latin1(encodeAnnounceDict({ ...stats, peers: [], noPeerId: false }))).toContain('5:peerslee');
  });
});

describe('encodeScrape', () => {
  const low = new Uint8Array(20).fill(0x01);
  const high = new Uint8Array(20).fill(0xf0);

  it('keys files by raw hash, sorted as bytes, with exactly these bytes', () => {
    const out = encodeScrape([
      { infoHash: high, complete: 1, incomplete: 2, downloaded: 3 },
      { infoHash: low, complete: 0, incomplete: 0, downloaded: 0 },
    ]);
    const file = (h: Uint8Array, c: number, d: number, i: number) =>
      `20:${latin1(h)}d8:completei${c}e10:downloadedi${d}e10:incompletei${i}ee`;
    expect(latin1(out)).toBe(`d5:filesd${file(low, 0, 0, 0)}${file(high, 1, 3, 2)}ee`);
    expect(() => strictDecode(out)).not.toThrow();
  });

  it('writes a repeated hash once', () => {
    const out = encodeScrape([
      { infoHash: low, complete: 1, incomplete: 0, downloaded: 0 },
      { infoHash: low, complete: 1, incomplete: 0, downloaded: 0 },
    ]);
    const files = (strictDecode(out) as Map<string, Map<string, unknown>>).get('files');
    expect(files?.size).toBe(1);
  });

  it('writes an empty files dictionary', () => {
    expect(latin1(encodeScrape([]))).toBe('d5:filesdee');
  });
});
