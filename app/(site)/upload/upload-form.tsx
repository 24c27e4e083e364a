'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { FileTree } from '@/app/_components/torrent/file-tree';
import { TorrentMediaFields } from '@/app/_components/torrent/media-fields';
import { TorrentMetaFields } from '@/app/_components/torrent/meta-fields';
import { Alert } from '@/app/_components/ui/card';
import { buttonClass } from '@/app/_components/ui/button-class';
import { formatBytes } from '@/lib/format';
import { validateTorrent } from '@/lib/torrent/validate';
import { MAX_TORRENT_BYTES, TORRENT_TOO_LARGE } from '@/lib/validation/torrent-limits';

interface Preview {
  name: string;
  totalSize: number;
  pieceLength: number;
  version: string;
  files: { path: string[]; size: bigint }[];
}

type Outcome = { kind: 'done'; url: string; id: number } | { kind: 'duplicate'; url: string } | null;

const VERSION_LABEL: Record<string, string> = { v1: 'BitTorrent v1', v2: 'BitTorrent v2', hybrid: 'Hybrid v1 + v2' };

export function UploadForm({ categories }: { categories: { id: number; name: string }[] }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [title, setTitle] = useState('');
  const [titleTouched, setTitleTouched] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [dragging, setDragging] = useState(false);

  async function choose(chosen: File | undefined) {
    setOutcome(null);
    setMessage(null);
    setPreview(null);
    setFile(chosen ?? null);
    if (!chosen) return;
    // The server's own checks (lib/torrent/validate.ts), so the preview refuses what the upload would, in its words.
    if (chosen.size > MAX_TORRENT_BYTES) {
      setErrors({ file: TORRENT_TOO_LARGE });
      return;
    }
    const parsed = validateTorrent(new Uint8Array(await chosen.arrayBuffer()));
    if (!parsed.ok) {
      setErrors({ file: parsed.error.message });
      return;
    }
    const t = parsed.value;
    setErrors({});
    setPreview({
      name: t.name,
      totalSize: t.totalSize,
      pieceLength: t.pieceLength,
      version: t.version,
      files: t.files.filter((f) => !f.padding).map((f) => ({ path: f.path, size: BigInt(f.length) })),
    });
    if (!titleTouched) setTitle(t.name);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setErrors({ file: 'Choose a .torrent file' });
      return;
    }
    const form = new FormData(event.currentTarget);
    form.set('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/torrents');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(e.loaded / e.total);
    xhr.onerror = () => {
      setProgress(null);
      setMessage('The upload failed: the connection was interrupted.');
    };
    xhr.onload = () => {
      setProgress(null);
      const body = (xhr.response ?? {}) as { id?: number; url?: string; error?: string; field?: string; fieldErrors?: Record<string, string>; existing?: string };
      if (xhr.status === 201 && body.url && body.id) {
        setOutcome({ kind: 'done', url: body.url, id: body.id });
        return;
      }
      if (xhr.status === 409 && body.existing) setOutcome({ kind: 'duplicate', url: body.existing });
      setErrors(body.fieldErrors ?? (body.field ? { [body.field]: body.error ?? 'Invalid' } : {}));
      setMessage(body.field || body.fieldErrors ? null : (body.error ?? `The upload failed (HTTP ${xhr.status}).`));
    };
    setErrors({});
    setMessage(null);
    setProgress(0);
    xhr.send(form);
  }

  if (outcome?.kind === 'done') {
    return (
      <div className="space-y-4" role="status">
        <Alert kind="success">Uploaded.</Alert>
        <p>
          <strong>Download the site&apos;s copy and seed from it.</strong> The site made the torrent private and added its own source, so its
          infohash changed: the file you uploaded will not connect to this tracker.
        </p>
        <div className="flex flex-wrap gap-2">
          <a href={`${outcome.url}/download`} className={buttonClass('primary')} download>Download your .torrent</a>
          <Link href={outcome.url} className={buttonClass('secondary')}>Open the torrent page</Link>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {message ? <Alert>{message}</Alert> : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="field-file" className="text-sm font-medium">Torrent file</label>
        <div
          onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => { e.preventDefault(); setDragging(false); void choose(e.dataTransfer.files[0]); }}
          className={`rounded-lg border-2 border-dashed p-6 text-center text-sm ${dragging ? 'border-brand-500 bg-brand-50 dark:bg-zinc-800' : 'border-zinc-300 dark:border-zinc-700'}`}
        >
          <p className="mb-2">Drop a .torrent file here, or</p>
          <input
            ref={fileInput}
            id="field-file"
            type="file"
            accept=".torrent,application/x-bittorrent"
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={errors.file ? 'field-file-error' : undefined}
            onChange={(e) => void choose(e.target.files?.[0])}
            className="mx-auto block max-w-full text-sm"
          />
        </div>
        {errors.file ? (
          <p id="field-file-error" role="alert" className="text-sm text-red-600 dark:text-red-400">
            {errors.file}
            {outcome?.kind === 'duplicate' ? <> — <Link href={outcome.url}>see the existing torrent</Link></> : null}
          </p>
        ) : null}
      </div>
      {preview ? (
        <section aria-label="Preview" className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <dl className="mb-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
            <div><dt className="text-xs text-zinc-500">Name</dt><dd className="break-all" data-testid="preview-name">{preview.name}</dd></div>
            <div><dt className="text-xs text-zinc-500">Total size</dt><dd data-testid="preview-size">{formatBytes(preview.totalSize)}</dd></div>
            <div><dt className="text-xs text-zinc-500">Piece size</dt><dd>{formatBytes(preview.pieceLength)}</dd></div>
            <div><dt className="text-xs text-zinc-500">Format</dt><dd data-testid="preview-version">{VERSION_LABEL[preview.version] ?? preview.version}</dd></div>
          </dl>
          <FileTree files={preview.files} />
        </section>
      ) : null}
      <TorrentMetaFields
        categories={categories}
        values={{ title }}
        errors={errors}
        onTitleChange={(value) => { setTitle(value); setTitleTouched(true); }}
      />
      <TorrentMediaFields errors={errors} />
      {progress !== null ? (
        <div>
          <label htmlFor="upload-progress" className="text-sm">Uploading… {Math.round(progress * 100)}%</label>
          <progress id="upload-progress" value={progress} max={1} className="w-full" />
        </div>
      ) : null}
      <button type="submit" disabled={progress !== null} className={buttonClass('primary')}>
        {progress !== null ? 'Uploading…' : 'Upload'}
      </button>
    </form>
  );
}
