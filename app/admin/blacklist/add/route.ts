import { formObject, staffRoute } from '@/app/_lib/staff-route';
import { addBlacklistEntry } from '@/lib/services/moderation/client-blacklist';
import { blacklistSchema } from '@/lib/validation/moderation';

export const POST = staffRoute<Record<string, never>>(async ({ actor, form }) => {
  const input = blacklistSchema.parse(formObject(form));
  await addBlacklistEntry({ actor, prefix: input.prefix, note: input.note });
  return { message: `Clients starting with ${input.prefix} are refused.` };
});
