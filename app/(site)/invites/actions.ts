'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { requireUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { createInvite } from '@/lib/services/invites';
import { revokeInvite } from '@/lib/services/revoke-invite';

export async function createInviteAction(_prev: FormState): Promise<FormState> {
  return runAction(async () => {
    const invite = await createInvite({ actor: await requireUser() });
    revalidatePath('/invites');
    const link = `${env().publicUrl}/register?invite=${invite.code}`;
    return { status: 'ok', message: 'Invite created. Send the link to the person you invite; it works once, for 14 days.', data: { code: invite.code, link } };
  });
}

export async function revokeInviteAction(code: string, _prev: FormState): Promise<FormState> {
  return runAction(async () => {
    await revokeInvite({ actor: await requireUser(), code });
    revalidatePath('/invites');
    return { status: 'ok', message: 'Invite revoked.' };
  });
}
