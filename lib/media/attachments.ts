import { declaredType, IMAGE_TYPE_NAMES, type ImageType, isImageType, sniffImageType } from './image-type';

/** Each image's size cap. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** How many screenshots a torrent may have, besides its poster. */
export const MAX_SCREENSHOTS = 6;
/** The .nfo file's size cap: NFOs are a few KiB of text. */
export const MAX_NFO_BYTES = 64 * 1024;

export interface SentFile {
  name: string;
  /** The MIME type the browser or tool declared for it. */
  type: string;
  bytes: Uint8Array;
}

export interface CheckedImage {
  contentType: ImageType;
  bytes: Uint8Array;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const ACCEPTED = 'a PNG, JPEG, WebP or GIF image';
const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`);

/**
 * Checks one image sent with a torrent: not empty, within the size cap, declared as one of the accepted types,
 * and its bytes really of that type. `label` names it in the message ("The poster", "Screenshot shot.png").
 */
export function checkImage(file: SentFile, label: string): Checked<CheckedImage> {
  if (file.bytes.length === 0) return { ok: false, error: `${label} is an empty file` };
  if (file.bytes.length > MAX_IMAGE_BYTES) return { ok: false, error: `${label} is larger than ${sizeText(MAX_IMAGE_BYTES)}` };
  const declared = declaredType(file);
  if (!isImageType(declared)) return { ok: false, error: `${label} must be ${ACCEPTED} (it is ${declared === '' ? 'of an unknown type' : declared})` };
  const actual = sniffImageType(file.bytes);
  if (actual !== declared) {
    const contents = actual === null ? `not a ${IMAGE_TYPE_NAMES[declared]} image` : `a ${IMAGE_TYPE_NAMES[actual]} image`;
    return { ok: false, error: `${label} is declared as ${IMAGE_TYPE_NAMES[declared]}, but its contents are ${contents}` };
  }
  return { ok: true, value: { contentType: actual, bytes: file.bytes } };
}

export function tooManyScreenshots(count: number): string | null {
  return count > MAX_SCREENSHOTS ? `At most ${MAX_SCREENSHOTS} screenshots per torrent (this would make ${count})` : null;
}

/** Checks the .nfo sent with a torrent: named *.nfo, not empty, within its cap. Any bytes are valid CP437. */
export function checkNfo(file: SentFile): Checked<{ filename: string; bytes: Uint8Array }> {
  if (!/\.nfo$/i.test(file.name)) return { ok: false, error: 'The NFO must be a .nfo file' };
  if (file.bytes.length === 0) return { ok: false, error: 'The NFO file is empty' };
  if (file.bytes.length > MAX_NFO_BYTES) return { ok: false, error: `The NFO file is larger than ${sizeText(MAX_NFO_BYTES)}` };
  return { ok: true, value: { filename: file.name.replace(/^.*[\\/]/, '').slice(0, 200), bytes: file.bytes } };
}
