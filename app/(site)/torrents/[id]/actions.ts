'use server';

import { redirect } from 'next/navigation';
import { formValues, invalid, runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { requireUser } from '@/lib/auth/session';
import { deleteTorrent } from '@/lib/services/delete-torrent';
import { editTorrent } from '@/lib/services/edit-torrent';
import { deleteTorrentSchema, torrentMetaSchema } from '@/lib/validation/torrent';

export async function deleteTorrentAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await runAction(async () => {
    const actor = await requireUser();
    const parsed = deleteTorrentSchema.safeParse(formValues(form, ['reason']));
    if (!parsed.success) return invalid(parsed.error);
    await deleteTorrent({ actor, id, reason: parsed.data.reason });
  });
  if (state.status === 'ok') redirect('/torrents');
  return state;
}

export async function editTorrentAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['title', 'categoryId', 'tags', 'description']);
  const state = await runAction(async () => {
    const actor = await requireUser();
    const parsed = torrentMetaSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error, values);
    await editTorrent({ actor, id, input: parsed.data });
  }, values);
  if (state.status === 'ok') redirect(`/torrents/${id}`);
  return state;
}
