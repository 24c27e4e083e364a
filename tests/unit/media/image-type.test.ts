import { describe, expect, it } from 'vitest';
import { checkImage, checkNfo, MAX_IMAGE_BYTES, MAX_NFO_BYTES } from '@/lib/media/attachments';
import { declaredType, sniffImageType } from '@/lib/media/image-type';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
const GIF87 = bytes('GIF87a', [1, 0, 1, 0]);
const GIF89 = bytes('GIF89a', [1, 0, 1, 0]);
const WEBP = bytes('RIFF', [26, 0, 0, 0], 'WEBPVP8 ');

describe('image type from magic bytes', () => {
  it.each([
    ['PNG signature', PNG, 'image/png'],
    ['JPEG (JFIF)', JPEG, 'image/jpeg'],
    ['JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1]), 'image/jpeg'],
    ['GIF87a', GIF87, 'image/gif'],
    ['GIF89a', GIF89, 'image/gif'],
    ['WebP (RIFF … WEBP)', WEBP, 'image/webp'],
    ['a RIFF file that is not WebP (WAVE)', bytes('RIFF', [26, 0, 0, 0], 'WAVEfmt '), null],
    ['a PNG signature cut short', PNG.slice(0, 7), null],
    ['PNG with a damaged signature (line endings converted)', bytes([0x89], 'PNG', [0x0a, 0x1a, 0x0a]), null],
    ['GIF with an unknown version', bytes('GIF88a'), null],
    ['two bytes of JPEG only', bytes([0xff, 0xd8]), null],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), null],
    ['HTML', bytes('<!doctype html><script>alert(1)</script>'), null],
    ['BMP', bytes('BM', [0, 0, 0, 0]), null],
    ['empty', new Uint8Array(0), null],
  ])('%s', (_name, input, type) => {
    expect(sniffImageType(input)).toBe(type);
  });
});

describe('declared type', () => {
  it.each([
    [{ type: 'image/png', name: 'a.jpg' }, 'image/png'],
    [{ type: 'IMAGE/JPEG; q=1', name: 'a' }, 'image/jpeg'],
    [{ type: 'image/jpg', name: 'a' }, 'image/jpeg'],
    [{ type: '', name: 'shot.WEBP' }, 'image/webp'],
    [{ type: 'application/octet-stream', name: 'poster.jpeg' }, 'image/jpeg'],
    [{ type: 'application/octet-stream', name: 'poster.bin' }, 'application/octet-stream'],
    [{ type: '', name: 'noext' }, ''],
    [{ type: 'text/plain', name: 'a.png' }, 'text/plain'],
  ])('%o is %s', (file, type) => {
    expect(declaredType(file)).toBe(type);
  });
});

describe('checking an image sent with a torrent', () => {
  it.each([
    ['accepts a PNG declared as PNG', { name: 'p.png', type: 'image/png', bytes: PNG }, null],
    ['accepts a WebP named .webp with no declared type', { name: 'p.webp', type: 'application/octet-stream', bytes: WEBP }, null],
    ['refuses an empty file', { name: 'p.png', type: 'image/png', bytes: new Uint8Array(0) }, 'The poster is an empty file'],
    ['refuses a file over the cap', { name: 'p.png', type: 'image/png', bytes: new Uint8Array(MAX_IMAGE_BYTES + 1) }, 'The poster is larger than 2 MiB'],
    ['refuses a type that is not an accepted image', { name: 'p.svg', type: 'image/svg+xml', bytes: bytes('<svg/>') }, 'The poster must be a PNG, JPEG, WebP or GIF image (it is image/svg+xml)'],
    ['refuses a file of unknown type', { name: 'poster', type: '', bytes: PNG }, 'The poster must be a PNG, JPEG, WebP or GIF image (it is of an unknown type)'],
    ['refuses a JPEG declared as PNG', { name: 'p.png', type: 'image/png', bytes: JPEG }, 'The poster is declared as PNG, but its contents are a JPEG image'],
    ['refuses text declared as GIF', { name: 'p.gif', type: 'image/gif', bytes: bytes('hello') }, 'The poster is declared as GIF, but its contents are not a GIF image'],
  ])('%s', (_name, file, error) => {
    const checked = checkImage(file, 'The poster');
    expect(checked.ok ? null : checked.error).toBe(error);
  });
});

describe('checking an NFO', () => {
  it.each([
    ['accepts a .nfo file', { name: 'release.NFO', type: '', bytes: bytes('hi') }, null],
    ['refuses another extension', { name: 'release.txt', type: 'text/plain', bytes: bytes('hi') }, 'The NFO must be a .nfo file'],
    ['refuses an empty file', { name: 'r.nfo', type: '', bytes: new Uint8Array(0) }, 'The NFO file is empty'],
    ['refuses a file over the cap', { name: 'r.nfo', type: '', bytes: new Uint8Array(MAX_NFO_BYTES + 1) }, 'The NFO file is larger than 64 KiB'],
  ])('%s', (_name, file, error) => {
    const checked = checkNfo(file);
    expect(checked.ok ? null : checked.error).toBe(error);
  });
});
