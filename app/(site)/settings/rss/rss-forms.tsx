'use client';

import { useActionState, useState } from 'react';
import { buttonClass } from '@/app/_components/ui/button-class';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SelectField } from '@/app/_components/ui/select-field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { resetRssKeyAction } from './actions';

/** Builds the feed URL from the member's choices, the same filters as /torrents. */
export function FeedUrlBuilder({ base, categories }: { base: string; categories: { slug: string; name: string }[] }) {
  const [category, setCategory] = useState('');
  const [tags, setTags] = useState('');
  const [q, setQ] = useState('');
  const [uploader, setUploader] = useState('');
  const [freeleech, setFreeleech] = useState(false);
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (category) params.set('category', category);
  if (tags.trim()) params.set('tags', tags.split(/[,\s]+/).filter(Boolean).join(','));
  if (freeleech) params.set('freeleech', '1');
  if (uploader.trim()) params.set('uploader', uploader.trim());
  const url = params.size ? `${base}?${params.toString()}` : base;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Category" name="category" value={category} onChange={(e) => setCategory(e.target.value)}
          options={[{ value: '', label: 'All categories' }, ...categories.map((c) => ({ value: c.slug, label: c.name }))]} />
        <Field label="Tags" name="tags" value={tags} onChange={(e) => setTags(e.target.value)} hint="All of them, comma-separated" maxLength={200} />
        <Field label="Search words" name="q" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} />
        <Field label="Uploader" name="uploader" value={uploader} onChange={(e) => setUploader(e.target.value)} maxLength={32} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={freeleech} onChange={(e) => setFreeleech(e.target.checked)} /> Freeleech only
      </label>
      <div className="space-y-1">
        <label htmlFor="feed-url" className="text-sm font-medium">Feed URL</label>
        <input id="feed-url" readOnly value={url} data-testid="rss-url" onFocus={(e) => e.currentTarget.select()}
          className="w-full rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950" />
        <p className="text-xs text-zinc-500">Paste it into your BitTorrent client&apos;s RSS downloader. It contains your RSS key: keep it private.</p>
      </div>
    </div>
  );
}

export function ResetRssKeyForm() {
  const [state, action] = useActionState(resetRssKeyAction, idle);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-2">
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
      {confirming ? (
        <form action={action} className="space-y-2">
          <p className="text-sm">Reset your RSS key? Every feed URL you use now stops working.</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant="danger" pendingText="Resetting…">Yes, reset</SubmitButton>
            <button type="button" className={buttonClass('secondary')} onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <button type="button" className={buttonClass('secondary')} onClick={() => setConfirming(true)}>Reset RSS key…</button>
      )}
    </div>
  );
}
