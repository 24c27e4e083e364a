import { describe, expect, it } from 'vitest';
import { fileTree } from '@/lib/torrent';

describe('fileTree', () => {
  it('nests files into directories with summed sizes and counts, in torrent order, without padding', () => {
    const tree = fileTree([
      { path: ['b.txt'], length: 1 },
      { path: ['dir', 'x.bin'], length: 10 },
      { path: ['.pad', '6'], length: 6, padding: true },
      { path: ['dir', 'sub', 'y.bin'], length: 100 },
      { path: ['a.txt'], length: 1000 },
      { path: ['dir', 'z.bin'], length: 5 },
    ]);
    expect(tree).toEqual([
      { kind: 'file', name: 'b.txt', size: 1 },
      {
        kind: 'directory',
        name: 'dir',
        size: 115,
        fileCount: 3,
        children: [
          { kind: 'file', name: 'x.bin', size: 10 },
          { kind: 'directory', name: 'sub', size: 100, fileCount: 1, children: [{ kind: 'file', name: 'y.bin', size: 100 }] },
          { kind: 'file', name: 'z.bin', size: 5 },
        ],
      },
      { kind: 'file', name: 'a.txt', size: 1000 },
    ]);
  });

  it('shows a single-file torrent as one file', () => {
    expect(fileTree([{ path: ['movie.mkv'], length: 42 }])).toEqual([{ kind: 'file', name: 'movie.mkv', size: 42 }]);
  });
});
