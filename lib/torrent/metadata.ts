import { utf8, type BDict } from '@/lib/bencode';

/** An informational text field (`comment`, `created by`, `source`): shown only when it is UTF-8 text. */
export function optionalText(dict: BDict, key: string): string | null {
  const value = dict.get(key);
  return value instanceof Uint8Array ? utf8(value) : null;
}

/** BEP 3 `creation date`, seconds since the epoch; nonsense values are dropped rather than refused. */
export function creationDate(root: BDict): number | null {
  const value = root.get('creation date');
  if (typeof value !== 'bigint' || value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(value);
}

/** BEP 27: only `private` = 1 makes clients skip DHT, PEX and LSD. */
export function isPrivate(info: BDict): boolean {
  return info.get('private') === 1n;
}
