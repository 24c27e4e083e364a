import { formatBytes } from '@/lib/format';

interface Dir {
  name: string;
  size: bigint;
  dirs: Map<string, Dir>;
  files: { name: string; size: bigint }[];
}

function build(files: { path: string[]; size: bigint }[]): Dir {
  const root: Dir = { name: '', size: 0n, dirs: new Map(), files: [] };
  for (const f of files) {
    let dir = root;
    root.size += f.size;
    for (const part of f.path.slice(0, -1)) {
      let next = dir.dirs.get(part);
      if (!next) dir.dirs.set(part, (next = { name: part, size: 0n, dirs: new Map(), files: [] }));
      next.size += f.size;
      dir = next;
    }
    dir.files.push({ name: f.path[f.path.length - 1] ?? '', size: f.size });
  }
  return root;
}

function DirView({ dir, open }: { dir: Dir; open: boolean }) {
  return (
    <ul className="ml-3 border-l border-zinc-200 pl-3 dark:border-zinc-800">
      {[...dir.dirs.values()].map((d) => (
        <li key={d.name}>
          <details open={open}>
            <summary className="cursor-pointer py-0.5">
              <span className="font-medium">{d.name}/</span> <span className="text-xs text-zinc-500">({formatBytes(d.size)})</span>
            </summary>
            <DirView dir={d} open={false} />
          </details>
        </li>
      ))}
      {dir.files.map((f, i) => (
        <li key={`${f.name}-${i}`} className="flex justify-between gap-4 py-0.5">
          <span className="break-all">{f.name}</span>
          <span className="shrink-0 text-xs text-zinc-500">{formatBytes(f.size)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A collapsible directory tree with summed sizes; the top level starts open. */
export function FileTree({ files }: { files: { path: string[]; size: bigint }[] }) {
  return (
    <div className="text-sm" data-testid="file-tree">
      <DirView dir={build(files)} open />
    </div>
  );
}
