import { bytesSize, DICT, END, intSize, keyBytes, utf8, writeBytes, writeInt, writeRaw } from './bencode-writer';

const K_FAILURE = keyBytes('failure reason');
const K_INTERVAL = keyBytes('interval');
const K_MIN_INTERVAL = keyBytes('min interval');

/**
 * Failure response (BEP 3 `failure reason`), sent with HTTP 200. `interval` and `min interval` (same value)
 * tell well-behaved clients how long to back off instead of retrying at once.
 */
export function encodeFailure(reason: string, intervalSeconds: number): Uint8Array {
  const text = utf8(reason);
  const out = new Uint8Array(
    2 + K_FAILURE.length + bytesSize(text.length) + K_INTERVAL.length + K_MIN_INTERVAL.length + 2 * intSize(intervalSeconds),
  );
  out[0] = DICT;
  let at = writeBytes(out, writeRaw(out, 1, K_FAILURE), text);
  at = writeInt(out, writeRaw(out, at, K_INTERVAL), intervalSeconds);
  at = writeInt(out, writeRaw(out, at, K_MIN_INTERVAL), intervalSeconds);
  out[at] = END;
  return out;
}
