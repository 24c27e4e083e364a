'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/app/_lib/form-state';
import { runAction } from '@/app/_lib/run-action';
import { requireUser } from '@/lib/auth/session';
import { resetRssKey } from '@/lib/services/rss/rss-key';

export async function resetRssKeyAction(_prev: FormState): Promise<FormState> {
  return runAction(async () => {
    await resetRssKey({ actor: await requireUser() });
    revalidatePath('/settings/rss');
    return { status: 'ok', message: 'Your RSS key was reset: update the feed URL in your clients.' };
  });
}
