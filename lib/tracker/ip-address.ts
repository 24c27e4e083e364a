/**
 * Strict textual IP parsing into bytes, for the compact peer formats of BEP 23 (IPv4) and BEP 7 (IPv6).
 * No zone ids, brackets, octal or shortened IPv4 forms: anything a peer could not dial back is refused.
 */

/** Writes the 4 bytes of a dotted quad into out[at..at+4); false when `s[start, end)` is not one. */
export function parseIpv4Into(s: string, start: number, end: number, out: Uint8Array, at: number): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 0x2e : s.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || part > 3) return false;
      out[at + part] = value;
      part++;
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      // A leading zero would be read as octal by some resolvers; refuse the ambiguity.
      if (digits === 1 && value === 0) return false;
      value = value * 10 + (c - 0x30);
      digits++;
      if (value > 255) return false;
    } else {
      return false;
    }
  }
  return part === 4;
}

/** Returns the 16 bytes of an IPv6 address (RFC 4291 text forms, including `::` and a dotted IPv4 tail). */
export function parseIpv6(s: string): Uint8Array | null {
  if (s.length < 2 || s.length > 45) return null;
  const gap = s.indexOf('::');
  if (gap !== -1 && s.indexOf('::', gap + 1) !== -1) return null;
  const head = gap === -1 ? s : s.slice(0, gap);
  const tail = gap === -1 ? '' : s.slice(gap + 2);
  const out = new Uint8Array(16);
  const headWords = writeGroups(head, out, 0, gap === -1);
  if (headWords < 0) return null;
  if (gap === -1) return headWords === 8 ? out : null;
  const tailBytes = new Uint8Array(16);
  const tailWords = writeGroups(tail, tailBytes, 0, true);
  if (tailWords < 0 || headWords + tailWords > 7) return null;
  out.set(tailBytes.subarray(0, tailWords * 2), 16 - tailWords * 2);
  return out;
}

/** Writes colon-separated hex groups; returns the number of 16-bit words written, or -1. */
function writeGroups(text: string, out: Uint8Array, at: number, ipv4TailAllowed: boolean): number {
  if (text === '') return 0;
  const groups = text.split(':');
  let words = 0;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] ?? '';
    if (ipv4TailAllowed && g === groups.length - 1 && group.includes('.')) {
      if (words > 6 || !parseIpv4Into(group, 0, group.length, out, at + words * 2)) return -1;
      return words + 2;
    }
    if (words >= 8 || !/^[0-9a-fA-F]{1,4}$/.test(group)) return -1;
    const v = parseInt(group, 16);
    out[at + words * 2] = v >> 8;
    out[at + words * 2 + 1] = v & 0xff;
    words++;
  }
  return words;
}

/** True when the 16 bytes are an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2). */
export function isIpv4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}
