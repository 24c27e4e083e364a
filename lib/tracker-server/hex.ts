/** Lower-case hex of a byte view, without copying it first (Buffer.from(view) would). */
export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}
