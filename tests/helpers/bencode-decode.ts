/** A strict, minimal bencode decoder for tests: byte strings stay Buffers, integers become bigint. */
export type BValue = Buffer | bigint | BValue[] | { [key: string]: BValue };

export function bdecode(bytes: Uint8Array): BValue {
  const buf = Buffer.from(bytes);
  const [value, end] = decodeAt(buf, 0);
  if (end !== buf.length) throw new Error(`trailing bytes at ${end}`);
  return value;
}

function decodeAt(buf: Buffer, at: number): [BValue, number] {
  const c = buf[at];
  if (c === 0x69) {
    const end = buf.indexOf(0x65, at);
    return [BigInt(buf.subarray(at + 1, end).toString('latin1')), end + 1];
  }
  if (c === 0x6c) {
    const list: BValue[] = [];
    let i = at + 1;
    while (buf[i] !== 0x65) {
      const [v, next] = decodeAt(buf, i);
      list.push(v);
      i = next;
    }
    return [list, i + 1];
  }
  if (c === 0x64) {
    const dict: { [key: string]: BValue } = {};
    let i = at + 1;
    while (buf[i] !== 0x65) {
      const [k, afterKey] = decodeAt(buf, i);
      const [v, next] = decodeAt(buf, afterKey);
      dict[(k as Buffer).toString('latin1')] = v;
      i = next;
    }
    return [dict, i + 1];
  }
  const colon = buf.indexOf(0x3a, at);
  if (colon < 0 || c === undefined || c < 0x30 || c > 0x39) throw new Error(`bad bencode at ${at}`);
  const len = Number(buf.subarray(at, colon).toString('latin1'));
  return [buf.subarray(colon + 1, colon + 1 + len), colon + 1 + len];
}
