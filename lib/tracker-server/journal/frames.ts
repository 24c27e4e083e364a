import { crc32 } from 'node:zlib';

/**
 * A journal frame is one group commit: a 16-byte header (payload length u32, CRC-32 of the sequence number and
 * payload u32, sequence number f64; little-endian) and the payload, the batch's encoded records. The checksum
 * tells a complete frame from one torn by a crash or a failed write.
 */
export const FRAME_HEADER_BYTES = 16;
/** Larger declared lengths are corruption, not frames. */
export const MAX_FRAME_PAYLOAD = 64 * 1024 * 1024;

/** The frame of `payload`, written into `into` when it is large enough (a writer reuses one buffer). */
export function encodeFrame(seq: number, payload: Uint8Array, into?: Buffer): Buffer {
  const size = FRAME_HEADER_BYTES + payload.length;
  const frame = into !== undefined && into.length >= size ? into.subarray(0, size) : Buffer.allocUnsafe(size);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeDoubleLE(seq, 8);
  frame.set(payload, FRAME_HEADER_BYTES);
  frame.writeUInt32LE(crc32(frame.subarray(8)), 4);
  return frame;
}

export type FrameRead =
  | { kind: 'frame'; seq: number; payload: Uint8Array; end: number }
  /** Fewer bytes than the frame needs: a write still in progress, or a crash mid-write. */
  | { kind: 'incomplete'; needed: number }
  | { kind: 'corrupt'; reason: string };

/** Reads the frame starting at `at` in `buf`. */
export function readFrame(buf: Uint8Array, at: number): FrameRead {
  const available = buf.length - at;
  if (available < FRAME_HEADER_BYTES) return { kind: 'incomplete', needed: FRAME_HEADER_BYTES };
  const view = new DataView(buf.buffer, buf.byteOffset + at, FRAME_HEADER_BYTES);
  const length = view.getUint32(0, true);
  if (length > MAX_FRAME_PAYLOAD) return { kind: 'corrupt', reason: `frame length ${length} out of range` };
  if (available < FRAME_HEADER_BYTES + length) return { kind: 'incomplete', needed: FRAME_HEADER_BYTES + length };
  const end = at + FRAME_HEADER_BYTES + length;
  if (crc32(buf.subarray(at + 8, end)) !== view.getUint32(4, true)) return { kind: 'corrupt', reason: 'checksum mismatch' };
  const seq = view.getFloat64(8, true);
  if (!Number.isSafeInteger(seq) || seq < 1) return { kind: 'corrupt', reason: 'bad sequence number' };
  return { kind: 'frame', seq, payload: buf.subarray(at + FRAME_HEADER_BYTES, end), end };
}
