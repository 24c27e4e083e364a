import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/**
 * SHA-256 for the pure core, synchronous, from @noble/hashes (audited, no dependencies): the upload page runs the
 * server's piece-layer check in the browser, where `node:crypto` does not exist and Web Crypto is asynchronous (one
 * promise per hash, and a merkle tree needs one hash per node). Only used for small inputs (tree nodes).
 */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return nobleSha256(parts[0]!);
  const hash = nobleSha256.create();
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** The hash of two tree nodes side by side (BEP 52's merkle tree). */
export function sha256Pair(left: Uint8Array, right: Uint8Array): Uint8Array {
  return nobleSha256.create().update(left).update(right).digest();
}
