import { z } from 'zod';
import { formObject, staffRoute } from '@/app/_lib/staff-route';
import { updateNotificationRetention } from '@/lib/services/notifications/update-retention';

const retentionSchema = z.object({
  retentionDays: z.coerce.number({ error: 'Enter a number of days' }).int('Enter a whole number of days').min(1, 'Keep them at least 1 day').max(3650, 'At most 3650 days'),
});

export const POST = staffRoute<Record<string, never>>(async ({ actor, form }) => {
  const { retentionDays } = retentionSchema.parse(formObject(form));
  await updateNotificationRetention({ actor, days: retentionDays });
  return { message: `Read notifications are kept ${retentionDays} day${retentionDays === 1 ? '' : 's'}.` };
});
