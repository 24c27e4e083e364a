/** Smallest piece length: BEP 52 hashes 16 KiB blocks, so a v2 piece cannot be smaller. */
export const MIN_PIECE_LENGTH = 16 * 1024;
/** Largest piece length accepted; bigger pieces make clients re-download too much on a single bad block. */
export const MAX_PIECE_LENGTH = 64 * 1024 * 1024;
/** At most 2^21 pieces (40 MiB of v1 hashes), which bounds the work of verifying an upload. */
export const MAX_PIECES = 2 ** 21;
/** File and total sizes stay within 2^53 so they are exact JavaScript numbers. */
export const MAX_SIZE = 2n ** 53n;
export const DEFAULT_MAX_FILES = 10_000;
/** A v1 piece hash is SHA-1 (BEP 3); a v2 piece-layer hash is SHA-256 (BEP 52). */
export const SHA1_LENGTH = 20;
export const SHA256_LENGTH = 32;
