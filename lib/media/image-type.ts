/** The image formats the site accepts with a torrent, by MIME type. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const IMAGE_TYPE_NAMES: Record<ImageType, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP', 'image/gif': 'GIF' };

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The image type the bytes themselves say, from their signature ("magic bytes"), or null when they are none of the
 * accepted formats: PNG (89 'PNG' CR LF SUB LF), JPEG (FF D8 FF), GIF ('GIF87a' or 'GIF89a') and WebP ('RIFF', a
 * length, 'WEBP'). Whatever a file's name or declared type says, this is what a browser would decode.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

const BY_EXTENSION: Record<string, ImageType> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

/**
 * The type a file claims: its declared MIME type, or, when that says nothing (empty or application/octet-stream, as
 * command-line tools send for names they do not know), the type its name's extension implies. Lowercased, without
 * parameters; '' when neither says anything.
 */
export function declaredType(file: { type: string; name: string }): string {
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  if (type !== '' && type !== 'application/octet-stream') return type === 'image/jpg' || type === 'image/pjpeg' ? 'image/jpeg' : type;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? type;
}

export function isImageType(type: string): type is ImageType {
  return (IMAGE_TYPES as readonly string[]).includes(type);
}
