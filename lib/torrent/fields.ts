import type { BDict, BValue } from '@/lib/bencode';
import { fail, type TorrentError } from './errors';
import { MAX_SIZE } from './limits';
import { ok, type Result } from './result';

type Kind = 'integer' | 'byte string' | 'list' | 'dictionary';

type KindType = { integer: bigint; 'byte string': Uint8Array; list: BValue[]; dictionary: BDict };

function isKind<K extends Kind>(value: BValue, kind: K): value is KindType[K] {
  switch (kind) {
    case 'integer':
      return typeof value === 'bigint';
    case 'byte string':
      return value instanceof Uint8Array;
    case 'list':
      return Array.isArray(value);
    default:
      return value instanceof Map;
  }
}

function typed<K extends Kind>(value: BValue, key: string, kind: K, where: string): Result<KindType[K], TorrentError> {
  if (isKind(value, kind)) return ok(value);
  const article = kind === 'integer' ? 'an' : 'a';
  return fail('invalid-structure', `"${key}" in ${where} must be ${article} ${kind}`);
}

/**
 * Reads a required field of a given bencode type. `where` completes the messages, e.g. "the info dictionary":
 * `Missing "pieces" in the info dictionary`, `"pieces" in the info dictionary must be a byte string`.
 */
export function field<K extends Kind>(
  dict: BDict,
  key: string,
  kind: K,
  where: string,
): Result<KindType[K], TorrentError> {
  const value = dict.get(key);
  if (value === undefined) return fail('invalid-structure', `Missing "${key}" in ${where}`);
  return typed(value, key, kind, where);
}

/** Like `field`, but an absent key gives `undefined`; a present key of the wrong type is still an error. */
export function optionalField<K extends Kind>(
  dict: BDict,
  key: string,
  kind: K,
  where: string,
): Result<KindType[K] | undefined, TorrentError> {
  const value = dict.get(key);
  return value === undefined ? ok(undefined) : typed(value, key, kind, where);
}

/** A file length: an integer from 0 to 2^53, so it converts to a JavaScript number exactly. */
export function fileLength(value: bigint, file: string): Result<number, TorrentError> {
  if (value < 0n || value > MAX_SIZE) {
    return fail('invalid-length', `Invalid length for file "${file}": must be an integer between 0 and 2^53, got ${value}`);
  }
  return ok(Number(value));
}
