import type { TorrentFile } from './types';

export type FileTreeNode =
  | { kind: 'file'; name: string; size: number }
  | { kind: 'directory'; name: string; size: number; fileCount: number; children: FileTreeNode[] };

type DirectoryNode = Extract<FileTreeNode, { kind: 'directory' }>;

function childDirectory(parent: DirectoryNode, name: string): DirectoryNode {
  const existing = parent.children.find((child) => child.kind === 'directory' && child.name === name);
  if (existing?.kind === 'directory') return existing;
  const created: DirectoryNode = { kind: 'directory', name, size: 0, fileCount: 0, children: [] };
  parent.children.push(created);
  return created;
}

/**
 * Nests a torrent's file list into directories for display, each directory carrying the summed size and
 * number of the files below it. Padding files (BEP 47) are left out; entries keep the torrent's order.
 * Returns the top-level entries.
 */
export function fileTree(files: readonly TorrentFile[]): FileTreeNode[] {
  const top: DirectoryNode = { kind: 'directory', name: '', size: 0, fileCount: 0, children: [] };
  for (const file of files) {
    if (file.padding) continue;
    const dirs = file.path.slice(0, -1);
    const name = file.path.at(-1) ?? '';
    let dir = top;
    for (const part of dirs) {
      dir = childDirectory(dir, part);
      dir.size += file.length;
      dir.fileCount += 1;
    }
    dir.children.push({ kind: 'file', name, size: file.length });
  }
  return top.children;
}
