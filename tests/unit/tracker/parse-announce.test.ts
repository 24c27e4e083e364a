import { describe, expect, it } from 'vitest';
import { failureReasons } from '@/lib/tracker/failure-reasons';
import { parseAnnounce, parseAnnounceQuery, type AnnounceRequest } from '@/lib/tracker/parse-announce';
import { announceQuery, HASH_A, PEER_ID } from './announce-fixtures';
import { bin, pct } from './strict-bencode';

type Rule = keyof typeof failureReasons;

/** Every rejection an announce can get, with the exact `failure reason` a client would display. */
const contract: [Rule, string, string, string][] = [
  ['queryTooLong', 'a query over 2048 characters', announceQuery({ pad: 'x'.repeat(2048) }), 'query string too long'],
  ['malformedPercent', 'a truncated escape', announceQuery({ info_hash: '%8' }), 'malformed percent-encoding in query string'],
  ['malformedPercent', 'a non-hex escape', announceQuery({ peer_id: '%ZZ' }), 'malformed percent-encoding in query string'],
  ['invalidCharacter', 'a character above 0xFF', announceQuery({ key: '\u20ac' }), 'invalid character in query string'],
  ['duplicate', 'port twice', `${announceQuery()}&port=6882`, 'duplicate parameter: port'],
  ['duplicate', 'info_hash twice', `${announceQuery()}&info_hash=${pct(HASH_A)}`, 'duplicate parameter: info_hash'],
  ['duplicate', 'port twice, once with an escaped name', `${announceQuery()}&p%6Frt=6882`, 'duplicate parameter: port'],
  ['duplicate', 'an escaped name, then the same name plain', `p%6Frt=6882&${announceQuery()}`, 'duplicate parameter: port'],
  ['duplicate', 'an unknown name twice', `${announceQuery()}&portx=1&portx=2`, 'duplicate parameter: portx'],
  ['missing', 'a name that only starts like port', `${announceQuery({ port: null })}&portx=6881`, 'missing port'],
  ['missing', 'a name port starts with', `${announceQuery({ port: null })}&por=6881`, 'missing port'],
  ['missing', 'no info_hash', announceQuery({ info_hash: null }), 'missing info_hash'],
  ['wrongLength', 'a 19-byte info_hash', announceQuery({ info_hash: pct(HASH_A.subarray(1)) }), 'invalid info_hash: must be 20 bytes, got 19'],
  ['wrongLength', 'a 40-char hex info_hash', announceQuery({ info_hash: 'ab'.repeat(20) }), 'invalid info_hash: must be 20 bytes, got 40'],
  ['wrongLength', 'an empty info_hash', announceQuery({ info_hash: '' }), 'invalid info_hash: must be 20 bytes, got 0'],
  ['missing', 'no peer_id', announceQuery({ peer_id: null }), 'missing peer_id'],
  ['wrongLength', 'a 21-byte peer_id', announceQuery({ peer_id: pct(PEER_ID) + 'x' }), 'invalid peer_id: must be 20 bytes, got 21'],
  ['missing', 'no port', announceQuery({ port: null }), 'missing port'],
  ['invalidPort', 'port 0 on a normal announce', announceQuery({ port: '0' }), 'invalid port: must be 1-65535'],
  ['invalidPort', 'port 0 without an event', announceQuery({ port: '0', event: null }), 'invalid port: must be 1-65535'],
  ['invalidPort', 'port 65536', announceQuery({ port: '65536' }), 'invalid port: must be 1-65535'],
  ['invalidPort', 'a huge port', announceQuery({ port: '99999999999999999999' }), 'invalid port: must be 1-65535'],
  ['invalidPort', 'a negative port', announceQuery({ port: '-1' }), 'invalid port: must be 1-65535'],
  ['invalidPort', 'a fractional port', announceQuery({ port: '6881.5' }), 'invalid port: must be 1-65535'],
  ['invalidPort', 'an empty port', announceQuery({ port: '' }), 'invalid port: must be 1-65535'],
  ['missing', 'no uploaded', announceQuery({ uploaded: null }), 'missing uploaded'],
  ['missing', 'no downloaded', announceQuery({ downloaded: null }), 'missing downloaded'],
  ['missing', 'no left', announceQuery({ left: null }), 'missing left'],
  ['notAnInteger', 'a negative uploaded', announceQuery({ uploaded: '-1' }), 'invalid uploaded: must be a non-negative integer'],
  ['notAnInteger', 'uploaded in exponent form', announceQuery({ uploaded: '1e5' }), 'invalid uploaded: must be a non-negative integer'],
  ['notAnInteger', 'an empty downloaded', announceQuery({ downloaded: '' }), 'invalid downloaded: must be a non-negative integer'],
  ['notAnInteger', 'a left with a space', announceQuery({ left: '%201' }), 'invalid left: must be a non-negative integer'],
  ['notAnInteger', 'a left with a + sign', announceQuery({ left: '+1' }), 'invalid left: must be a non-negative integer'],
  ['exceeds63Bits', 'left of 2^63', announceQuery({ left: '9223372036854775808' }), 'invalid left: exceeds 63 bits'],
  ['exceeds63Bits', 'a 20-digit downloaded', announceQuery({ downloaded: '99999999999999999999' }), 'invalid downloaded: exceeds 63 bits'],
  ['exceeds63Bits', 'uploaded of 2^64', announceQuery({ uploaded: '18446744073709551616' }), 'invalid uploaded: exceeds 63 bits'],
  ['invalidEvent', 'an unknown event', announceQuery({ event: 'foo' }), 'invalid event: "foo"'],
  ['invalidEvent', 'an upper-case event', announceQuery({ event: 'STARTED' }), 'invalid event: "STARTED"'],
  ['invalidEvent', 'an event with binary bytes', announceQuery({ event: '%00%FF%22' }), 'invalid event: "\\x00\\xff\\x22"'],
  ['invalidEvent', 'an overlong event', announceQuery({ event: 'a'.repeat(40) }), `invalid event: "${'a'.repeat(32)}..."`],
  ['notAnInteger', 'a negative numwant', announceQuery({ numwant: '-5' }), 'invalid numwant: must be a non-negative integer'],
  ['notAnInteger', 'an empty numwant', announceQuery({ numwant: '' }), 'invalid numwant: must be a non-negative integer'],
  ['notAFlag', 'compact=2', announceQuery({ compact: '2' }), 'invalid compact: must be 0 or 1'],
  ['notAFlag', 'compact=true', announceQuery({ compact: 'true' }), 'invalid compact: must be 0 or 1'],
  ['notAFlag', 'no_peer_id=yes', announceQuery({ no_peer_id: 'yes' }), 'invalid no_peer_id: must be 0 or 1'],
  ['keyTooLong', 'a 65-byte key', announceQuery({ key: 'k'.repeat(65) }), 'invalid key: must be at most 64 bytes'],
];

function accepted(raw: string, options?: Parameters<typeof parseAnnounceQuery>[1]): AnnounceRequest {
  const r = parseAnnounceQuery(raw, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('parseAnnounce contract', () => {
  it.each(contract)('%s: rejects %s', (_rule, _what, raw, expected) => {
    expect(parseAnnounceQuery(raw)).toEqual({ ok: false, error: expected });
  });

  it('rejects an untrustworthy ip only when the caller trusts the ip parameter', () => {
    const raw = announceQuery({ ip: 'not-an-ip%00' });
    expect(parseAnnounceQuery(raw, { trustIpParam: true })).toEqual({ ok: false, error: 'invalid ip: "not-an-ip\\x00"' });
    expect(accepted(raw).ip).toBeNull();
  });

  it('has a contract case for every failure reason', () => {
    const covered = new Set<string>([...contract.map(([rule]) => rule), 'invalidIp', 'scrapeRequiresInfoHash', 'scrapeTooMany']);
    expect(Object.keys(failureReasons).filter((k) => !covered.has(k))).toEqual([]);
  });
});

describe('parseAnnounce accepts', () => {
  it('a typical announce, with its defaults', () => {
    expect(accepted(announceQuery({ compact: null }))).toEqual({
      infoHash: HASH_A, peerId: PEER_ID, port: 6881, uploaded: 0n, downloaded: 0n, left: 1000n,
      event: 'started', numwant: 50, compact: true, noPeerId: false, key: null, ip: null,
    });
  });

  it('keeps binary info_hash bytes >= 0x80 distinct, where UTF-8 decoding would merge them', () => {
    const a = new Uint8Array(20).fill(0x80);
    const b = new Uint8Array(20).fill(0x81);
    const viaUrlSearchParams = (h: Uint8Array) => new URLSearchParams(`info_hash=${pct(h)}`).get('info_hash');
    expect(viaUrlSearchParams(a)).toBe(viaUrlSearchParams(b));
    const parsedA = accepted(announceQuery({ info_hash: pct(a) })).infoHash;
    const parsedB = accepted(announceQuery({ info_hash: pct(b) })).infoHash;
    expect(parsedA).toEqual(a);
    expect(parsedB).toEqual(b);
    expect(parsedA).not.toEqual(parsedB);
  });

  it('an info_hash mixing raw and escaped characters', () => {
    const raw = 'abcdefghij%80%81%82%83%84%85%86%87%88%89';
    expect(accepted(announceQuery({ info_hash: raw })).infoHash).toEqual(bin('abcdefghij\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89'));
  });

  it('port 0 with event=stopped', () => {
    expect(accepted(announceQuery({ port: '0', event: 'stopped' })).port).toBe(0);
  });

  it.each(['1', '65535', '06881'])('port %s', (port) => {
    expect(accepted(announceQuery({ port })).port).toBe(Number(port));
  });

  it.each([
    ['started', 'started'], ['completed', 'completed'], ['stopped', 'stopped'], ['paused', 'paused'], ['', 'none'],
  ])('event=%s as %s', (event, expected) => {
    expect(accepted(announceQuery({ event })).event).toBe(expected);
  });

  it('an absent event as none', () => {
    expect(accepted(announceQuery({ event: null })).event).toBe('none');
  });

  it('counters above 2^53 exactly, and the largest 63-bit value', () => {
    const r = accepted(announceQuery({ uploaded: '9007199254740993', downloaded: '9223372036854775807', left: '0007' }));
    expect(r.uploaded).toBe(9007199254740993n);
    expect(r.downloaded).toBe(9223372036854775807n);
    expect(r.left).toBe(7n);
  });

  it.each([
    ['0', 0], ['10', 10], ['50', 50], ['51', 50], ['200', 50], ['99999999999999999999999', 50],
  ])('numwant=%s clamped to %d', (numwant, expected) => {
    expect(accepted(announceQuery({ numwant })).numwant).toBe(expected);
  });

  it('a configurable numwant ceiling', () => {
    expect(accepted(announceQuery({ numwant: '80' }), { maxNumwant: 100 }).numwant).toBe(80);
    expect(accepted(announceQuery({ numwant: null }), { maxNumwant: 30 }).numwant).toBe(30);
  });

  it('compact=0 and no_peer_id=1', () => {
    const r = accepted(announceQuery({ compact: '0', no_peer_id: '1' }));
    expect([r.compact, r.noPeerId]).toEqual([false, true]);
  });

  it('a 64-byte opaque key, with + kept literal', () => {
    const key = 'a+' + 'k'.repeat(62);
    expect(accepted(announceQuery({ key })).key).toEqual(bin(key));
  });

  it('the ip parameter only when the caller trusts it', () => {
    expect(accepted(announceQuery({ ip: '203.0.113.7' })).ip).toBeNull();
    expect(accepted(announceQuery({ ip: '203.0.113.7' }), { trustIpParam: true }).ip).toBe('203.0.113.7');
    expect(accepted(announceQuery({ ip: '2001%3Adb8%3A%3A1' }), { trustIpParam: true }).ip).toBe('2001:db8::1');
  });

  it('unknown parameters, which clients add freely', () => {
    expect(accepted(announceQuery({ supportcrypto: '1', corrupt: '0', redundant: '0' })).port).toBe(6881);
  });

  it('parameters given as an already parsed map', () => {
    const params = new Map([
      ['info_hash', HASH_A], ['peer_id', PEER_ID], ['port', bin('1')], ['uploaded', bin('5')],
      ['downloaded', bin('6')], ['left', bin('0')], ['event', bin('completed')],
    ]);
    const r = parseAnnounce(params);
    expect(r.ok && [r.value.uploaded, r.value.downloaded, r.value.left, r.value.event]).toEqual([5n, 6n, 0n, 'completed']);
  });
});
