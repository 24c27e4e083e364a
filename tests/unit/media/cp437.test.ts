import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCp437 } from '@/lib/media/cp437';

describe('CP437 decoding', () => {
  it.each([
    ['ASCII stays ASCII', [0x48, 0x69, 0x21], 'Hi!'],
    ['shades and blocks', [0xb0, 0xb1, 0xb2, 0xdb, 0xdc, 0xdf], '░▒▓█▄▀'],
    ['single and double box drawing', [0xc9, 0xcd, 0xbb, 0xba, 0xc8, 0xbc, 0xda, 0xc4, 0xbf], '╔═╗║╚╝┌─┐'],
    ['accented letters', [0x80, 0x81, 0x82, 0xa4, 0xa5], 'ÇüéñÑ'],
    ['Greek and maths', [0xe0, 0xe1, 0xe3, 0xf1, 0xf8, 0xfb, 0xfd], 'αßπ±°√²'],
    ['the last byte is a no-break space', [0xff], '\u00a0'],
    ['control bytes are the glyphs DOS drew', [0x01, 0x02, 0x03, 0x10, 0x1e, 0x7f], '☺☻♥►▲⌂'],
    ['tab and line feed stay', [0x61, 0x09, 0x62, 0x0a, 0x63], 'a\tb\nc'],
    ['CR LF and lone CR become line feeds', [0x61, 0x0d, 0x0a, 0x62, 0x0d, 0x63], 'a\nb\nc'],
    ['nothing', [], ''],
  ])('%s', (_name, input, text) => {
    expect(decodeCp437(new Uint8Array(input))).toBe(text);
  });

  it('agrees with iconv-lite on every byte from 0x80 to 0xFF', () => {
    const high = new Uint8Array(Array.from({ length: 128 }, (_, i) => 0x80 + i));
    expect(decodeCp437(high)).toBe(iconv.decode(Buffer.from(high), 'cp437'));
  });

  it('decodes one character per byte', () => {
    const all = new Uint8Array(Array.from({ length: 256 }, (_, i) => i).filter((b) => b !== 0x0d));
    expect([...decodeCp437(all)]).toHaveLength(255);
  });
});
