/**
 * Code page 437, the IBM PC's character set, in which .nfo files are written (their box drawing and shading
 * "art"). Bytes 0x20-0x7E are ASCII; tab, line feed and carriage return stay what they are; the other control
 * bytes are shown as the glyphs a DOS screen drew for them, as NFO viewers do.
 */
const LOW = '\u0020☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼';
const HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒ' +
  'áíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const TABLE: readonly string[] = Array.from({ length: 256 }, (_, byte) => {
  if (byte === 0x09 || byte === 0x0a || byte === 0x0d) return String.fromCharCode(byte);
  if (byte < 0x20) return LOW[byte]!;
  if (byte === 0x7f) return '⌂';
  if (byte < 0x80) return String.fromCharCode(byte);
  return HIGH[byte - 0x80]!;
});

/** Decodes CP437 bytes to text, one character per byte; line endings are normalised to \n. */
export function decodeCp437(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += TABLE[byte]!;
  return out.replace(/\r\n?/g, '\n');
}
