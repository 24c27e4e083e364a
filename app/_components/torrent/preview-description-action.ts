'use server';

import type { FormState } from '@/app/_lib/form-state';
import { invalid, runAction } from '@/app/_lib/run-action';
import { requireUser } from '@/lib/auth/session';
import { renderMarkdown } from '@/lib/markdown/render';
import { torrentMetaSchema } from '@/lib/validation/torrent';

/**
 * The description as the torrent page will show it: the same renderer (lib/markdown/render.ts), run on the
 * server, so the preview cannot differ from the page and the browser never needs the renderer's code.
 */
export async function previewDescriptionAction(source: string): Promise<FormState> {
  return runAction(async () => {
    await requireUser();
    const parsed = torrentMetaSchema.shape.description.safeParse(source);
    if (!parsed.success) return invalid(parsed.error);
    return { status: 'ok', data: { html: renderMarkdown(parsed.data) } };
  });
}
