import { bin, pct } from './strict-bencode';

/** A binary info_hash with bytes >= 0x80, as real SHA-1 hashes have. */
export const HASH_A = bin('\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\xf0\xf1\xfe\xff');
export const PEER_ID = bin('-qB4650-\x00\x01\x7f\x80\xfe\xffabcdef');

const BASE: Record<string, string> = {
  info_hash: pct(HASH_A),
  peer_id: pct(PEER_ID),
  port: '6881',
  uploaded: '0',
  downloaded: '0',
  left: '1000',
  event: 'started',
  compact: '1',
};

/** A valid announce query with some parameters replaced (null removes one); values are raw, already escaped. */
export function announceQuery(overrides: Record<string, string | null> = {}): string {
  const merged: Record<string, string | null> = { ...BASE, ...overrides };
  return Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}
