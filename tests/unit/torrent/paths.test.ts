import { describe, expect, it } from 'vitest';
import { parseTorrent } from '@/lib/torrent';
import { dict, text, torrent, v1Info, v1SingleInfo, v2Bytes, type FileSpec } from './build';

type Part = string | Uint8Array;

// Each bad element, as the message shows it, and the reason given.
const badElements: [string, Part, string, string][] = [
  ['".."', '..', '..', '"." and ".." are not allowed'],
  ['"."', '.', '.', '"." and ".." are not allowed'],
  ['an empty element', '', '', 'an element is empty'],
  ['a slash', 'x/y', 'x/y', 'an element contains "/"'],
  ['a backslash', 'x\\y', 'x\\y', 'an element contains "\\"'],
  ['a NUL byte', 'x\u0000y', 'x\\u0000y', 'an element contains a control character (U+0000)'],
  ['a C0 control', 'x\u001by', 'x\\u001By', 'an element contains a control character (U+001B)'],
  ['DEL', 'x\u007fy', 'x\\u007Fy', 'an element contains a control character (U+007F)'],
  ['a C1 control', 'x\u0085y', 'x\\u0085y', 'an element contains a control character (U+0085)'],
  ['invalid UTF-8', new Uint8Array([0x78, 0xff]), 'x\uFFFD', 'an element is not valid UTF-8'],
];

describe('file path validation', () => {
  it.each(badElements)('refuses a v1 path with %s', (_case, part, shown, reason) => {
    const result = parseTorrent(torrent(v1Info([{ path: ['ok.txt'], length: 1 }, { path: ['dir', part, 'f'], length: 1 }])));
    expect(result).toEqual({ ok: false, error: { code: 'invalid-path', message: `Invalid file path "dir/${shown}/f": ${reason}` } });
  });

  // In a v2 file tree an empty key is the file marker (BEP 52), so it is covered separately below.
  it.each(badElements.filter(([name]) => name !== 'an empty element'))('refuses a v2 file tree path with %s', (_case, part, shown, reason) => {
    const result = parseTorrent(v2Bytes([{ path: ['dir', part, 'f'], length: 1 }]));
    // The walk stops at the offending directory, so the message names it rather than the file below it.
    expect(result).toEqual({ ok: false, error: { code: 'invalid-path', message: `Invalid file path "dir/${shown}": ${reason}` } });
  });

  it.each(badElements.filter(([name]) => name !== 'an empty element'))('refuses a torrent name with %s', (_case, part, shown, reason) => {
    const info = v1SingleInfo(1);
    info.set('name', typeof part === 'string' ? text(part) : part);
    const message = `Invalid torrent name "${shown}": ${reason.replace('an element', 'the name')}`;
    expect(parseTorrent(torrent(info))).toEqual({ ok: false, error: { code: 'invalid-name', message } });
  });

  it('refuses an empty torrent name', () => {
    const info = v1SingleInfo(1, { name: '' });
    expect(parseTorrent(torrent(info))).toEqual({ ok: false, error: { code: 'invalid-name', message: 'Invalid torrent name "": the name is empty' } });
  });

  it('refuses a v1 file with an empty path list', () => {
    const result = parseTorrent(torrent(v1Info([{ path: [], length: 1 }])));
    expect(result).toEqual({ ok: false, error: { code: 'invalid-path', message: 'Invalid file path "": a file path must have at least one element' } });
  });

  it.each<[string, FileSpec[], string]>([
    ['the same path twice', [{ path: ['a', 'b'], length: 1 }, { path: ['a', 'b'], length: 2 }], 'The file path "a/b" appears more than once'],
    ['a file inside a file', [{ path: ['a'], length: 1 }, { path: ['a', 'b'], length: 2 }], 'The path "a" is used both as a file and as a directory'],
    ['a file over a directory', [{ path: ['a', 'b'], length: 1 }, { path: ['a'], length: 2 }], 'The path "a" is used both as a file and as a directory'],
  ])('refuses %s', (_case, files, message) => {
    expect(parseTorrent(torrent(v1Info(files)))).toEqual({ ok: false, error: { code: 'duplicate-path', message } });
  });

  it('allows padding files to share a path (BEP 47 creators reuse .pad/<size>)', () => {
    const files: FileSpec[] = [
      { path: ['a'], length: 10 },
      { path: ['.pad', '16374'], length: 16374, attr: 'p' },
      { path: ['b'], length: 10 },
      { path: ['.pad', '16374'], length: 16374, attr: 'p' },
      { path: ['c'], length: 10 },
    ];
    const result = parseTorrent(torrent(v1Info(files)));
    expect(result.ok && result.value.files.map((f) => f.padding ?? false)).toEqual([false, true, false, true, false]);
  });

  it('accepts non-ASCII UTF-8 names and paths', () => {
    const result = parseTorrent(torrent(v1Info([{ path: ['Müsik', '日本語 (1).flac'], length: 5 }], { name: 'Ça va' })));
    expect(result.ok && { name: result.value.name, path: result.value.files[0]?.path }).toEqual({ name: 'Ça va', path: ['Müsik', '日本語 (1).flac'] });
  });

  it('refuses a v2 file tree with an empty top-level key', () => {
    const info = dict({ name: text('x'), 'piece length': 16384, 'meta version': 2, 'file tree': dict({ '': dict({ '': dict({ length: 1 }) }) }) });
    expect(parseTorrent(torrent(info))).toEqual({ ok: false, error: { code: 'invalid-path', message: 'Invalid file path "": an element is empty' } });
  });

  it('accepts non-ASCII UTF-8 keys in a v2 file tree', () => {
    const result = parseTorrent(v2Bytes([{ path: ['Müsik', 'ü.flac'], length: 5 }]));
    expect(result.ok && result.value.files).toEqual([{ path: ['Müsik', 'ü.flac'], length: 5 }]);
  });
});
