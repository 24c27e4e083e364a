'use client';

import { useRef, useState, useTransition } from 'react';
import { TextAreaField } from '@/app/_components/ui/select-field';
import { DESCRIPTION_MAX } from '@/lib/validation/torrent-limits';
import { previewDescriptionAction } from './preview-description-action';

type Shown = { kind: 'write' } | { kind: 'preview'; html: string } | { kind: 'failed'; message: string };

const tab = (active: boolean) =>
  `rounded px-2 py-0.5 text-sm ${active ? 'bg-zinc-200 font-semibold dark:bg-zinc-700' : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800'}`;

/**
 * The description's textarea with a Preview that the server renders exactly as the torrent page will. The
 * textarea stays in the form while the preview shows, so what is submitted is always what was written.
 */
export function DescriptionField({ defaultValue, error }: { defaultValue?: string | undefined; error?: string | undefined }) {
  const wrapper = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<Shown>({ kind: 'write' });
  const [pending, startTransition] = useTransition();

  function preview() {
    const source = wrapper.current?.querySelector('textarea')?.value ?? '';
    startTransition(async () => {
      const state = await previewDescriptionAction(source);
      const html = state.data?.html;
      if (state.status === 'ok' && html !== undefined) setShown({ kind: 'preview', html });
      else setShown({ kind: 'failed', message: state.fieldErrors?.description ?? state.message ?? 'The preview failed: try again.' });
    });
  }

  const previewing = shown.kind !== 'write';
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-1" role="group" aria-label="Write or preview">
        <button type="button" aria-pressed={!previewing} className={tab(!previewing)} onClick={() => setShown({ kind: 'write' })}>Write</button>
        <button type="button" aria-pressed={previewing} className={tab(previewing)} onClick={preview} disabled={pending}>
          {pending ? 'Rendering…' : 'Preview'}
        </button>
      </div>
      <div ref={wrapper} hidden={previewing}>
        <TextAreaField label="Description" name="description" defaultValue={defaultValue} rows={8} maxLength={DESCRIPTION_MAX} hint="Markdown, no HTML. Only the torrent's own poster and screenshots show as images; other images become plain links." error={error} />
      </div>
      {shown.kind === 'preview' ? (
        <section aria-label="Description preview" className="min-h-24 rounded-md border border-zinc-300 p-3 dark:border-zinc-700">
          {shown.html.trim() === ''
            ? <p className="text-sm text-zinc-500">Nothing to preview: the description is empty.</p>
            : <div className="markdown" data-testid="description-preview" dangerouslySetInnerHTML={{ __html: shown.html }} />}
        </section>
      ) : null}
      {shown.kind === 'failed' ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{shown.message}</p> : null}
    </div>
  );
}
