'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { TorrentMediaFields } from '@/app/_components/torrent/media-fields';
import { Alert } from '@/app/_components/ui/card';
import { buttonClass } from '@/app/_components/ui/button-class';
import type { TorrentMediaDto } from '@/lib/services/torrent-media/get-media';

/** Replace or remove the poster and NFO, add or remove screenshots; errors show next to their field. */
export function EditMediaForm({ id, media }: { id: number; media: TorrentMediaDto }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const res = await fetch(`/torrents/${id}/media`, { method: 'POST', body: new FormData(event.currentTarget) }).catch(() => null);
    const body = ((await res?.json().catch(() => ({}))) ?? {}) as { message?: string; error?: string; fieldErrors?: Record<string, string> };
    setPending(false);
    if (res?.ok) {
      setErrors({});
      setMessage({ kind: 'success', text: body.message ?? 'Saved.' });
      form.current?.reset();
      router.refresh();
      return;
    }
    setErrors(body.fieldErrors ?? {});
    setMessage(body.fieldErrors ? null : { kind: 'error', text: body.error ?? `Failed (HTTP ${res?.status ?? 'network error'})` });
  }

  return (
    <form ref={form} onSubmit={submit} className="space-y-4" noValidate aria-label="Images and NFO">
      {media.poster ? (
        <div className="flex flex-wrap items-center gap-3">
          <img src={media.poster.url} alt="Current poster" className="h-24 w-auto rounded border border-zinc-200 dark:border-zinc-800" />
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="removePoster" /> Remove the poster</label>
        </div>
      ) : null}
      {media.screenshots.length > 0 ? (
        <fieldset>
          <legend className="text-sm font-medium">Screenshots</legend>
          <ul className="mt-1 flex flex-wrap gap-3">
            {media.screenshots.map((s, i) => (
              <li key={s.id} className="flex flex-col items-start gap-1">
                <img src={s.url} alt={`Screenshot ${i + 1}`} className="h-20 w-auto max-w-full rounded border border-zinc-200 dark:border-zinc-800" />
                <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="removeScreenshots" value={s.id} /> Remove screenshot {i + 1}</label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      {media.nfo ? (
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="removeNfo" /> Remove the NFO ({media.nfo.filename})</label>
      ) : null}
      <TorrentMediaFields errors={errors} replacing />
      <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass('primary')}>{pending ? 'Saving…' : 'Save images and NFO'}</button>
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
    </form>
  );
}
